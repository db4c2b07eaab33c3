#!/usr/bin/env python3
"""Renders the Markdown tables of docs/PERFORMANCE.md from side-by-side sittings.

Usage: bench/tables.py OUT_DIR [OUT_DIR ...]     tables over all sittings, in the order given
       bench/tables.py --sitting OUT_DIR         one sitting: every figure and its target

Each OUT_DIR is one sitting as written by bench/side-by-side.sh: ferry.out (ferry.* lines),
kafka-default.out and kafka-c1.out (anchor.* lines of Kafka with its launchers' JIT and with C1 only;
an older sitting's kafka.out counts as "default"), env.txt (cpus_online=N). Every ratio is Ferry's
figure over the BETTER Kafka run of the same sitting: the higher records/s, the lower latency, the
lower CPU per 1,000 records. CPU per 1,000 records is the whole machine's (busy % x CPUs x wall time
over records, from /proc/stat), the same method for both systems; it is comparable only when nothing
else runs on the machine.
"""
import os
import sys

KAFKA_RUNS = (("default", "Kafka default JIT"), ("c1", "Kafka C1 only"))
PRODUCE = [("a) acks=all", "produce_acks_all"), ("b) acks=1", "produce_acks_1"),
           ("e) acks=all, 20k/s", "produce_acks_all_20k"), ("d) 1 broker, RF 1, acks=1", "produce_single_broker_rf1_acks_1")]
WORKLOADS = [("a", "produce_acks_all"), ("b", "produce_acks_1"), ("e", "produce_acks_all_20k"), ("c", "consume"),
             ("d", "produce_single_broker_rf1_acks_1")]
# (label, key, higher is better, target ratio): a ratio meets its target when it is >= the target for
# higher-is-better figures and <= it otherwise.
TARGETS = [("a) acks=all, records/s", "produce_acks_all.records_per_s", True, 3.0),
           ("b) acks=1, records/s", "produce_acks_1.records_per_s", True, 2.5),
           ("e) acks=all at 20k/s, p50 ms", "produce_acks_all_20k.latency_p50_ms", False, 0.8),
           ("e) acks=all at 20k/s, p99 ms", "produce_acks_all_20k.latency_p99_ms", False, 0.5),
           ("c) one consumer, fetch records/s", "consume.fetch_records_per_s", True, 1.5),
           ("c) one consumer, records/s incl. join", "consume.records_per_s", True, 1.5),
           ("d) one broker, RF 1, acks=1, records/s", "produce_single_broker_rf1_acks_1.records_per_s", True, 2.5)] + [
          (f"{w}) CPU ms per 1,000 records", f"cpu:{key}", False, 0.5) for w, key in WORKLOADS]


def load(path, prefix):
    """The `prefix.key=value` lines of a summary file as {key: value}; {} when the file is missing."""
    values = {}
    if not os.path.exists(path):
        return values
    with open(path) as f:
        for line in f:
            if line.startswith(prefix + ".") and "=" in line:
                key, value = line.strip().split("=", 1)
                values[key[len(prefix) + 1:]] = value
    return values


def load_sitting(directory):
    kafka = {run: load(os.path.join(directory, f"kafka-{run}.out"), "anchor") for run, _ in KAFKA_RUNS}
    if not kafka["default"]:
        kafka["default"] = load(os.path.join(directory, "kafka.out"), "anchor")
    cpus = os.cpu_count()
    env_path = os.path.join(directory, "env.txt")
    if os.path.exists(env_path):
        with open(env_path) as f:
            for line in f:
                if line.startswith("cpus_online="):
                    cpus = int(line.strip().split("=", 1)[1])
    return {"name": os.path.basename(os.path.normpath(directory)), "ferry": load(os.path.join(directory, "ferry.out"), "ferry"),
            "kafka": {run: values for run, values in kafka.items() if values}, "cpus": cpus}


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def figure(values, key, cpus):
    """One figure of a run; `cpu:<workload>` is the machine's CPU ms per 1,000 records of that workload."""
    if key.startswith("cpu:"):
        w = key[4:]
        busy, wall, records = (number(values.get(f"{w}.{m}")) for m in ("machine_cpu_busy_pct", "wall_s", "records"))
        if busy is None or wall is None or not records:
            return None
        return busy / 100 * cpus * wall * 1e6 / records
    return number(values.get(key))


def better_kafka(sitting, key, higher):
    """(run name, value) of the better Kafka run for a figure, or (None, None) when no run has it."""
    found = [(run, figure(values, key, sitting["cpus"])) for run, values in sitting["kafka"].items()]
    found = [(run, v) for run, v in found if v is not None and (v > 0 or not higher)]
    if not found:
        return None, None
    return (max if higher else min)(found, key=lambda rv: rv[1])


def ratio(sitting, key, higher):
    f = figure(sitting["ferry"], key, sitting["cpus"])
    _, k = better_kafka(sitting, key, higher)
    if f is None or k is None or k == 0:
        return None
    return f / k


def meets(r, higher, target):
    return r is not None and (r >= target if higher else r <= target)


def fmt(x, digits=0):
    return "-" if x is None else f"{x:,.{digits}f}"


def digits_of(key):
    return 1 if key.startswith("cpu:") else 0


def sitting_table(sitting):
    runs = [(run, label) for run, label in KAFKA_RUNS if run in sitting["kafka"]]
    lines = ["| workload | target | Ferry | " + " | ".join(label for _, label in runs) + " | Ferry ÷ better Kafka | met |",
             "|---|---|---|" + "---|" * len(runs) + "---|---|"]
    for label, key, higher, target in TARGETS:
        d = digits_of(key)
        kafka = [fmt(figure(sitting["kafka"][run], key, sitting["cpus"]), d) for run, _ in runs]
        r = ratio(sitting, key, higher)
        lines.append(f"| {label} | {'≥' if higher else '≤'} {target}× | {fmt(figure(sitting['ferry'], key, sitting['cpus']), d)} | "
                     + " | ".join(kafka) + f" | {fmt(r, 2)} | {'yes' if meets(r, higher, target) else '**no**'} |")
    missing = [label for run, label in KAFKA_RUNS if run not in sitting["kafka"]]
    if missing:
        lines.append(f"\n(no figures from: {', '.join(missing)}; see its .err file. Ratios are against the runs above.)")
    return "\n".join(lines)


def summary_table(sittings):
    n = len(sittings)
    lines = [f"| workload | target | Ferry ÷ better Kafka ({' / '.join(s['name'] for s in sittings)}) | met | Ferry | better Kafka |",
             "|---|---|---|---|---|---|"]
    for label, key, higher, target in TARGETS:
        d = digits_of(key)
        ratios = [ratio(s, key, higher) for s in sittings]
        met = sum(meets(r, higher, target) for r in ratios)
        ferry = " / ".join(fmt(figure(s["ferry"], key, s["cpus"]), d) for s in sittings)
        kafka = " / ".join(f"{fmt(v, d)} ({run})" if v is not None else "-" for run, v in (better_kafka(s, key, higher) for s in sittings))
        lines.append(f"| {label} | {'≥' if higher else '≤'} {target}× | {' / '.join(fmt(r, 2) for r in ratios)} | {met} of {n} | {ferry} | {kafka} |")
    return "\n".join(lines)


def systems(sittings):
    yield "Ferry", lambda s: s["ferry"]
    for run, label in KAFKA_RUNS:
        if any(run in s["kafka"] for s in sittings):
            yield label, lambda s, run=run: s["kafka"].get(run, {})


def joined(sittings, values_of, key, digits=0):
    return " / ".join(fmt(figure(values_of(s), key, s["cpus"]), digits) for s in sittings)


def figure_tables(sittings):
    lines = ["| workload | system | records/s | MB/s | avg ms | p50 | p95 | p99 | p99.9 | max | machine CPU busy % |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for label, w in PRODUCE:
        for name, values_of in systems(sittings):
            cells = [joined(sittings, values_of, f"{w}.{m}", d) for m, d in (
                ("records_per_s", 0), ("mb_per_s", 1), ("latency_avg_ms", 1), ("latency_p50_ms", 0),
                ("latency_p95_ms", 0), ("latency_p99_ms", 0), ("latency_p999_ms", 0), ("latency_max_ms", 0),
                ("machine_cpu_busy_pct", 0))]
            lines.append(f"| {label} | {name} | " + " | ".join(cells) + " |")
    lines += ["", "| c) one consumer | records/s incl. join | fetch records/s | fetch MB/s | join ms | machine CPU busy % |",
              "|---|---|---|---|---|---|"]
    for name, values_of in systems(sittings):
        cells = [joined(sittings, values_of, f"consume.{m}", d) for m, d in (
            ("records_per_s", 0), ("fetch_records_per_s", 0), ("fetch_mb_per_s", 1), ("rebalance_ms", 0),
            ("machine_cpu_busy_pct", 0))]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "| Ferry workload | brokers + ZooKeeper CPU-s | client CPU-s | broker heap used after, MB (b0/b1/b2) |",
              "|---|---|---|---|"]
    for label, w in PRODUCE:
        heaps = " ; ".join("/".join(s["ferry"].get(f"{w}.broker{i}.heap_used_mb", "-") for i in range(3)) for s in sittings)
        ferry = lambda s: s["ferry"]
        lines.append(f"| {label} | {joined(sittings, ferry, w + '.cpu_s_brokers_zk', 1)} | "
                     f"{joined(sittings, ferry, w + '.cpu_s_client', 1)} | {heaps} |")
    return "\n".join(lines)


def main(argv):
    if len(argv) == 2 and argv[0] == "--sitting":
        print(sitting_table(load_sitting(argv[1])))
        return 0
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    sittings = [load_sitting(d) for d in argv]
    print(summary_table(sittings))
    print()
    print(figure_tables(sittings))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
