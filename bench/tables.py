#!/usr/bin/env python3
"""Renders the Markdown tables of docs/PERFORMANCE.md from side-by-side sittings.

Usage: bench/tables.py OUT_DIR [OUT_DIR ...]   (each OUT_DIR as written by bench/side-by-side.sh:
kafka.out with anchor.* lines, ferry.out with ferry.* lines). Values of the sittings are joined
with " / " in the order given.
"""
import sys

PRODUCE = [("a) acks=all", "produce_acks_all"), ("b) acks=1", "produce_acks_1"),
           ("e) acks=all, 20k/s", "produce_acks_all_20k"), ("d) 1 broker, RF 1, acks=1", "produce_single_broker_rf1_acks_1")]
TARGETS = [("a) acks=all, records/s", "produce_acks_all.records_per_s", "≥ 1.5×"),
           ("e) acks=all at 20k/s, p50", "produce_acks_all_20k.latency_p50_ms", "≤ 1×"),
           ("e) acks=all at 20k/s, p99", "produce_acks_all_20k.latency_p99_ms", "≤ 0.5×"),
           ("c) one consumer, fetch records/s (excl. join)", "consume.fetch_records_per_s", "≥ 1×"),
           ("c) one consumer, records/s incl. join", "consume.records_per_s", "—"),
           ("d) one broker, RF 1, acks=1, records/s", "produce_single_broker_rf1_acks_1.records_per_s", "≥ 1.2×"),
           ("b) acks=1, records/s", "produce_acks_1.records_per_s", "—")]


def load(path, prefix):
    values = {}
    with open(path) as f:
        for line in f:
            if line.startswith(prefix + ".") and "=" in line:
                key, value = line.strip().split("=", 1)
                values[key[len(prefix) + 1:]] = value
    return values


def num(value, digits=0):
    try:
        x = float(value)
    except (TypeError, ValueError):
        return "-"
    return f"{x:,.{digits}f}"


def joined(sittings, side, key, digits=0):
    return " / ".join(num(s[side].get(key), digits) for s in sittings)


def main():
    sittings = [{"kafka": load(d + "/kafka.out", "anchor"), "ferry": load(d + "/ferry.out", "ferry")} for d in sys.argv[1:]]
    print("| workload | target | Ferry / Kafka | Ferry | Kafka |\n|---|---|---|---|---|")
    for label, key, target in TARGETS:
        ratios = []
        for s in sittings:
            f, k = s["ferry"].get(key), s["kafka"].get(key)
            ratios.append(f"{float(f) / float(k):.2f}" if f and k and float(k) else "-")
        print(f"| {label} | {target} | {' / '.join(ratios)} | {joined(sittings, 'ferry', key)} | {joined(sittings, 'kafka', key)} |")
    print("\n| workload | system | records/s | MB/s | avg ms | p50 | p95 | p99 | p99.9 | max | machine CPU busy % |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for label, w in PRODUCE:
        for side, name in (("ferry", "Ferry"), ("kafka", "Kafka")):
            cells = [joined(sittings, side, f"{w}.{m}", d) for m, d in (
                ("records_per_s", 0), ("mb_per_s", 1), ("latency_avg_ms", 1), ("latency_p50_ms", 0),
                ("latency_p95_ms", 0), ("latency_p99_ms", 0), ("latency_p999_ms", 0), ("latency_max_ms", 0),
                ("machine_cpu_busy_pct", 0))]
            print(f"| {label} | {name} | " + " | ".join(cells) + " |")
    print("\n| c) one consumer, 4.6M records | records/s incl. join | fetch records/s | fetch MB/s | join ms | machine CPU busy % |")
    print("|---|---|---|---|---|---|")
    for side, name in (("ferry", "Ferry"), ("kafka", "Kafka")):
        cells = [joined(sittings, side, f"consume.{m}", d) for m, d in (
            ("records_per_s", 0), ("fetch_records_per_s", 0), ("fetch_mb_per_s", 1), ("rebalance_ms", 0),
            ("machine_cpu_busy_pct", 0))]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\n| Ferry workload | brokers + ZooKeeper CPU-s | client CPU-s | broker heap used after, MB (b0/b1/b2) |")
    print("|---|---|---|---|")
    for label, w in PRODUCE:
        heaps = " ; ".join("/".join(s["ferry"].get(f"{w}.broker{i}.heap_used_mb", "-") for i in range(3)) for s in sittings)
        print(f"| {label} | {joined(sittings, 'ferry', w + '.cpu_s_brokers_zk', 1)} | "
              f"{joined(sittings, 'ferry', w + '.cpu_s_client', 1)} | {heaps} |")


if __name__ == "__main__":
    main()
