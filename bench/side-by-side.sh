#!/usr/bin/env bash
# Runs the Kafka anchor (ANCHOR_DIR/run.sh, default ../shared/anchors/kafka-zk next to the repository)
# and then bench/run.sh back to back in one sitting, and prints both summaries plus the ratios the
# issue sets targets on (Ferry / Kafka). Nothing of Kafka is part of this repository: the anchor
# fetches its own jars from Maven Central into its own work directory.
#
# Env: ANCHOR_DIR, OUT_DIR (/tmp/ferry-bench-work/side-by-side-<time>), and every knob of both scripts
# (NUM_RECORDS applies to both).
set -u -o pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ANCHOR_DIR=${ANCHOR_DIR:-$ROOT/../shared/anchors/kafka-zk}
OUT=${OUT_DIR:-/tmp/ferry-bench-work/side-by-side-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
[ -x "$ANCHOR_DIR/run.sh" ] || { echo "no Kafka anchor at $ANCHOR_DIR (set ANCHOR_DIR)" >&2; exit 2; }

snap() { echo "$1 $(date -u +%H:%M:%SZ) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/sitting.txt" >&2; }
{ echo "machine: nproc=$(nproc) cpu=\"$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)\" mem=$(free -g | awk '/Mem:/{print $2}')G kernel=$(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"; } | tee -a "$OUT/sitting.txt" >&2
snap "kafka-start"
timeout 900 "$ANCHOR_DIR/run.sh" >"$OUT/kafka.out" 2>"$OUT/kafka.err"; echo "kafka exit $?" >>"$OUT/sitting.txt"
snap "ferry-start"
timeout 900 "$ROOT/bench/run.sh" >"$OUT/ferry.out" 2>"$OUT/ferry.err"; echo "ferry exit $?" >>"$OUT/sitting.txt"
snap "end"

val() { grep -h "^$1=" "$OUT"/kafka.out "$OUT"/ferry.out | tail -1 | cut -d= -f2; }
ratio() { # ratio <label> <ferry key> <kafka key>
  local f k; f=$(val "ferry.$2"); k=$(val "anchor.$3")
  awk -v l="$1" -v f="$f" -v k="$k" 'BEGIN{ if (f == "" || k == "" || k + 0 == 0) printf "%s: ferry=%s kafka=%s ratio=n/a\n", l, f, k;
    else printf "%s: ferry=%s kafka=%s ratio=%.2f\n", l, f, k, f / k }'
}
{
  echo "=== side by side ($OUT) ==="
  cat "$OUT/sitting.txt"
  ratio "a) acks=all records/s (target >= 1.5)" produce_acks_all.records_per_s produce_acks_all.records_per_s
  ratio "b) acks=1 records/s" produce_acks_1.records_per_s produce_acks_1.records_per_s
  ratio "e) acks=all 20k/s p50 ms (target <= 1)" produce_acks_all_20k.latency_p50_ms produce_acks_all_20k.latency_p50_ms
  ratio "e) acks=all 20k/s p99 ms (target <= 0.5)" produce_acks_all_20k.latency_p99_ms produce_acks_all_20k.latency_p99_ms
  ratio "c) consume fetch records/s, excl. join (target >= 1)" consume.fetch_records_per_s consume.fetch_records_per_s
  ratio "c) consume records/s, incl. join" consume.records_per_s consume.records_per_s
  ratio "d) 1 broker RF1 acks=1 records/s (target >= 1.2)" produce_single_broker_rf1_acks_1.records_per_s produce_single_broker_rf1_acks_1.records_per_s
  # whole-machine CPU per record (busy% x cores x wall / records): comparable only when nothing else runs
  for w in produce_acks_all produce_acks_1 produce_acks_all_20k consume produce_single_broker_rf1_acks_1; do
    for side in anchor ferry; do
      b=$(val "$side.$w.machine_cpu_busy_pct"); t=$(val "$side.$w.wall_s"); n=$(val "$side.$w.records")
      awk -v s="$side" -v w="$w" -v b="$b" -v t="$t" -v n="$n" -v c="$(nproc)" 'BEGIN{ if (n > 0)
        printf "%s %s: machine CPU %.1f ms per 1k records (busy %s%%, %s s wall)\n", s, w, b / 100 * c * t * 1e6 / n, b, t }'
    done
  done
} | tee "$OUT/ratios.txt"
