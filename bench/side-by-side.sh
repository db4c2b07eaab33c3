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
} | tee "$OUT/ratios.txt"
