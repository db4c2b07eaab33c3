#!/usr/bin/env python3
"""Per-minute table and drift verdict of a soak written by bench/soak.sh.

Usage: bench/soak_report.py OUT_DIR     (reads OUT_DIR/soak.csv, soak.txt and rate.txt)

Drift is judged on the minutes after the first (the JVMs' warm-up), by the least-squares line through
them: its rise from the first to the last minute. The soak passes when
- the p99 rises by at most max(50 % of its median, 2 ms);
- each broker's heap after GC rises by at most max(25 % of its median, 32 MB) (minutes without a GC
  pause have no figure and are left out);
- each broker's descriptors outside its data directory (sockets, jars, logs) and its threads grow by at
  most 4 and 2 from the first judged minute to the last (descriptors of segment files grow with the data
  and fall with retention, so they are shown, not judged);
- no acknowledged record is lost and no send failed.
"""
import csv
import os
import statistics
import sys


def slope_rise(values):
    """Rise of the least-squares line over the values' span (0 for fewer than two values)."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    sxx = sum((x - mean_x) ** 2 for x in range(n))
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(range(n), values))
    return sxy / sxx * (n - 1)


def read_rows(path):
    with open(path, newline="") as f:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]


def read_values(path):
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "=" in line and line.startswith("soak."):
                    key, value = line.strip().split("=", 1)
                    values[key[5:]] = value
    return values


def brokers(rows):
    return sorted({k.split("_", 1)[0] for k in (rows[0] if rows else {}) if k.startswith("b") and k[1:2].isdigit()})


def verdict(rows, result):
    """(passed, [finding, ...]) for the per-minute rows and the end-of-run counts."""
    judged = rows[1:] if len(rows) >= 3 else rows
    findings, passed = [], True

    def check(ok, text):
        nonlocal passed
        passed &= ok
        findings.append(("ok  " if ok else "FAIL") + " " + text)

    p99 = [r["p99_ms"] for r in judged]
    rise, limit = slope_rise(p99), max(0.5 * statistics.median(p99), 2.0) if p99 else 0
    check(rise <= limit, f"p99 rise {rise:+.1f} ms over the run (limit {limit:.1f} ms; median {statistics.median(p99) if p99 else 0:.1f} ms)")
    for b in brokers(rows):
        heap = [r[f"{b}_heap_after_gc_mb"] for r in judged if r[f"{b}_heap_after_gc_mb"] >= 0]
        if heap:
            rise, limit = slope_rise(heap), max(0.25 * statistics.median(heap), 32.0)
            check(rise <= limit, f"{b} heap after GC rise {rise:+.0f} MB (limit {limit:.0f} MB; median {statistics.median(heap):.0f} MB)")
        else:
            check(False, f"{b} logged no GC pause: no heap-after-GC figure")
        other = [r[f"{b}_fds"] - r[f"{b}_fds_data"] for r in judged]
        threads = [r[f"{b}_threads"] for r in judged]
        check(other[-1] - other[0] <= 4, f"{b} descriptors outside the data dir {other[0]:.0f} -> {other[-1]:.0f}")
        check(threads[-1] - threads[0] <= 2, f"{b} threads {threads[0]:.0f} -> {threads[-1]:.0f}")
    failed = sum(r["failed"] for r in rows)
    check(failed == 0, f"failed sends {failed:.0f}")
    lost = result.get("lost")
    check(lost == "0", f"acknowledged {result.get('acked', '?')}, read back {result.get('seen', '?')}, lost {lost if lost is not None else '? (no result)'}, "
                       f"read twice {result.get('duplicates', '?')}")
    return passed, findings


def heap_cell(mb):
    """A minute without a GC pause has no heap-after-GC figure (-1 in the CSV)."""
    return "–" if mb < 0 else f"{mb:.0f}"


def table(rows):
    bs = brokers(rows)
    head = "| minute | sent | acked | p50 ms | p99 ms | p99.9 ms | max ms | " + " | ".join(
        f"{b} heap after GC MB / fds (data) / threads" for b in bs) + " |"
    lines = [head, "|" + "---|" * (7 + len(bs))]
    for r in rows:
        cells = [f"{r['minute']:.0f}", f"{r['sent']:,.0f}", f"{r['acked']:,.0f}", f"{r['p50_ms']:.1f}", f"{r['p99_ms']:.1f}",
                 f"{r['p999_ms']:.1f}", f"{r['max_ms']:.1f}"] + [
            f"{heap_cell(r[b + '_heap_after_gc_mb'])} / {r[b + '_fds']:.0f} ({r[b + '_fds_data']:.0f}) / {r[b + '_threads']:.0f}" for b in bs]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[0]
    rows = read_rows(os.path.join(out, "soak.csv"))
    if not rows:
        print("no minutes in soak.csv", file=sys.stderr)
        return 1
    result = {**read_values(os.path.join(out, "rate.txt")), **read_values(os.path.join(out, "soak.txt"))}
    print(f"rate {result.get('rate', '?')} records/s (a) saturation {result.get('saturation_records_per_s', 'not measured')})\n")
    print(table(rows))
    passed, findings = verdict(rows, result)
    print()
    for finding in findings:
        print("- " + finding)
    print(f"\nverdict: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
