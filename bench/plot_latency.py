#!/usr/bin/env python3
"""Draws the latency-under-load curve of bench/latency-curve.sh as a PNG (matplotlib, Debian's
python3-matplotlib).

Usage: bench/plot_latency.py LATENCY.csv OUT.png [--title TEXT]

The CSV has one row per system and offered rate: system, offered_records_per_s (a number or
"saturation"), records_per_s (achieved), p50_ms, p99_ms, p99.9_ms, max_ms. Each system is one colour;
p50, p99 and p99.9 are drawn against the achieved records/s (solid, dashed, dotted), latency on a
log scale; each point is labelled with its offered rate, the saturation point with "sat".
"""
import argparse
import csv
import sys

PERCENTILES = (("p50_ms", "p50", "-", "o"), ("p99_ms", "p99", "--", "s"), ("p999_ms", "p99.9", ":", "^"))


def read_curves(path):
    """{system: [row, ...]} with numeric fields as floats, rows in the CSV's order (ascending offered rate,
    saturation last), so a system that falls short of an offered rate draws its line back to the left."""
    curves = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            point = {"offered": row["offered_records_per_s"]}
            for key in ("records_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms"):
                point[key] = float(row[key])
            curves.setdefault(row["system"], []).append(point)
    return curves


def offered_label(offered):
    return "sat" if offered == "saturation" else f"{int(float(offered)) // 1000}k"


def plot(curves, out, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    fig, ax = plt.subplots(figsize=(10, 6), dpi=120)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (system, points) in enumerate(sorted(curves.items())):
        colour = colours[i % len(colours)]
        xs = [p["records_per_s"] for p in points]
        for key, name, style, marker in PERCENTILES:
            ax.plot(xs, [max(p[key], 0.5) for p in points], linestyle=style, marker=marker, color=colour,
                    label=f"{system} {name}")
        for p in points:
            ax.annotate(offered_label(p["offered"]), (p["records_per_s"], max(p["p99_ms"], 0.5)),
                        textcoords="offset points", xytext=(4, 4), fontsize=7, color=colour)
    ax.set_yscale("log")
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.set_xlabel("achieved records/s (100 B records, acks=all, 6 partitions, RF 3)")
    ax.set_ylabel("latency, ms (log scale)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, ncol=len(curves))
    fig.tight_layout()
    fig.savefig(out)


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("png")
    parser.add_argument("--title", default="acks=all latency under load")
    args = parser.parse_args(argv)
    curves = read_curves(args.csv)
    if not curves:
        print(f"no rows in {args.csv}", file=sys.stderr)
        return 1
    plot(curves, args.png, args.title)
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
