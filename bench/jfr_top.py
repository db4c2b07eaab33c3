#!/usr/bin/env python3
"""Summarises Java execution samples of one or more JFR files (as written by bench/run.sh JFR=1).

Usage: bench/jfr_top.py FILE.jfr [FILE.jfr ...] [--filter io/ferrymq] [--top 30] [--callers FRAME]
                        [--since HH:MM:SS] [--until HH:MM:SS]

Prints the share of samples per thread (names with trailing digits folded), per top frame (self
time) and per frame anywhere on the stack (inclusive, only frames containing --filter); with
--callers, the most common call paths leading to the first frame that contains FRAME. --since and
--until keep only samples taken in that window of the day (UTC, as the bench scripts log), e.g. the
idle period of bench/scale.sh.
Needs the JDK's `jfr` tool on PATH.
"""
import argparse
import collections
import json
import re
import subprocess


def samples(path, since=None, until=None):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        clock = (values.get("startTime") or "")[11:19]
        if (since and clock < since) or (until and clock > until):
            continue
        thread = values.get("sampledThread") or {}
        name = re.sub(r"[-#0-9]+$", "", thread.get("javaName") or thread.get("osName") or "?")
        frames = (values.get("stackTrace") or {}).get("frames") or []
        yield name, [f"{f['method']['type']['name']}.{f['method']['name']}:{f.get('lineNumber')}" for f in frames]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--filter", default="io/ferrymq")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--callers")
    parser.add_argument("--since", help="HH:MM:SS (UTC): skip samples before")
    parser.add_argument("--until", help="HH:MM:SS (UTC): skip samples after")
    args = parser.parse_args()
    threads, self_time, inclusive, callers = (collections.Counter() for _ in range(4))
    total = 0
    for path in args.files:
        for thread, frames in samples(path, args.since, args.until):
            total += 1
            threads[thread] += 1
            if frames:
                self_time[frames[0].rsplit(":", 1)[0]] += 1
            for method in {f.rsplit(":", 1)[0] for f in frames}:
                inclusive[method] += 1
            if args.callers:
                for i, frame in enumerate(frames):
                    if args.callers in frame:
                        callers[" <- ".join(frames[i:i + 8])] += 1
                        break
    print(f"samples: {total}")
    if total == 0:
        return
    sections = [("threads", threads.most_common(15)), ("self", self_time.most_common(args.top)),
                (f"inclusive ({args.filter})", [kv for kv in inclusive.most_common() if args.filter in kv[0]][:args.top])]
    if args.callers:
        sections.append((f"callers of {args.callers}", callers.most_common(10)))
    for title, rows in sections:
        print(f"-- {title}")
        for key, count in rows:
            print(f"{100.0 * count / total:5.1f}% {count:6d}  {key}")


if __name__ == "__main__":
    main()
