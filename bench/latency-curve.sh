#!/usr/bin/env bash
# The latency-under-load curve (issue 23): acks=all p50 / p99 / p99.9 at each offered rate (RATES, records/s)
# and unthrottled (saturation), for Ferry (workload l of bench/run.sh, Ferry's perf-produce) and for Kafka
# 3.9.1 (bench/kafka-curve.sh, Kafka's ProducerPerformance) with each JIT setting in KAFKA_JITS, one after
# the other in one sitting. Writes $OUT_DIR/latency.csv (system, offered, achieved records/s, p50, p99, p99.9,
# max ms) and draws it with bench/plot_latency.py into $OUT_DIR/latency.png (PNG=... to write elsewhere, e.g.
# docs/latency-under-load.png once the sitting was quiet).
#
# Env: RATES ("10000 20000 50000 100000 200000 -1") STEP_S (30 s per rate) KAFKA_JITS ("default c1") CPUS
#   (taskset list for both sides) OUT_DIR (/tmp/ferry-bench-work/latency-<time>) PNG ($OUT_DIR/latency.png)
#   SIDE_TIMEOUT_S (1200), PYTHON (python3; /usr/bin/python3 when that one has no matplotlib), and the knobs of bench/run.sh and bench/kafka-curve.sh.
set -u -o pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT_DIR:-/tmp/ferry-bench-work/latency-$(date -u +%Y%m%dT%H%M%SZ)}
export RATES=${RATES:-"10000 20000 50000 100000 200000 -1"}
export STEP_S=${STEP_S:-30}
KAFKA_JITS=${KAFKA_JITS:-"default c1"}
SIDE_TIMEOUT_S=${SIDE_TIMEOUT_S:-1200}
PNG=${PNG:-$OUT/latency.png}
mkdir -p "$OUT"
# a run's budget: every rate's STEP_S plus the time to drain what the producer could not send on time
budget=$(( $(wc -w <<<"$RATES") * (STEP_S * 3 + 60) ))

echo "latency curve: rates=[$RATES] step=${STEP_S}s pinned=${CPUS:-no} $(date -u +%H:%M:%SZ) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/sitting.txt" >&2
for j in $KAFKA_JITS; do
  case $j in
    default) extra=${KAFKA_EXTRA_JVM:-} ;;
    c1) extra="${KAFKA_EXTRA_JVM:-} -XX:TieredStopAtLevel=1" ;;
    *) echo "KAFKA_JITS takes default and c1, was '$j'" >&2; exit 2 ;;
  esac
  echo "kafka-$j start $(date -u +%H:%M:%SZ) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/sitting.txt"
  KAFKA_EXTRA_JVM="$extra" timeout "$SIDE_TIMEOUT_S" bash "$ROOT/bench/kafka-curve.sh" >"$OUT/kafka-$j.out" 2>"$OUT/kafka-$j.err"
  echo "kafka-$j exit $?" >> "$OUT/sitting.txt"
done
echo "ferry start $(date -u +%H:%M:%SZ) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/sitting.txt"
WORKLOADS=l RUN_BUDGET_S=$budget timeout "$SIDE_TIMEOUT_S" bash "$ROOT/bench/run.sh" >"$OUT/ferry.out" 2>"$OUT/ferry.err"
echo "ferry exit $?" >> "$OUT/sitting.txt"

{ echo "system,offered_records_per_s,records_per_s,p50_ms,p99_ms,p999_ms,max_ms"
  rows() { # rows <system label> <file> <prefix>
    local r v
    for r in $RATES; do
      v=$(awk -F= -v p="$3.latency_r$r." 'index($1, p) == 1 { sub(p, "", $1); m[$1] = $2 }
        END { if (m["status"] ~ /^OK/) printf "%s,%s,%s,%s,%s", m["records_per_s"], m["latency_p50_ms"], m["latency_p99_ms"], m["latency_p999_ms"], m["latency_max_ms"] }' "$2")
      [ -n "$v" ] && echo "$1,$([ "$r" -gt 0 ] && echo "$r" || echo saturation),$v"
    done
  }
  rows Ferry "$OUT/ferry.out" ferry
  for j in $KAFKA_JITS; do rows "Kafka $([ "$j" = c1 ] && echo "C1 only" || echo "default JIT")" "$OUT/kafka-$j.out" kafka; done
} > "$OUT/latency.csv"
cat "$OUT/latency.csv"
# matplotlib comes from Debian's python3-matplotlib: use the system Python when the one on PATH lacks it
PY=${PYTHON:-python3}
$PY -c 'import matplotlib' 2>/dev/null || PY=/usr/bin/python3
$PY "$ROOT/bench/plot_latency.py" "$OUT/latency.csv" "$PNG" --title "acks=all latency under load, $(date -u +%Y-%m-%d), $(nproc) CPUs${CPUS:+ (taskset $CPUS)}"
