#!/usr/bin/env bash
# The soak of issue 23: acks=all at half of workload a)'s saturation for DURATION, on bench/run.sh's cluster
# (ZooKeeper + 3 brokers, each logging its GCs), recording per minute the p99 of the records sent in it, each
# broker's heap after GC, open descriptors and threads (bench/Soak.java), then reading every acknowledged
# record back (a reader consumes along, then drains to the end offsets): lost = acknowledged and never read.
# bench/soak_report.py prints the per-minute table and the verdict on drift. Not part of the test suite.
#
# Topic soak: 6 partitions, RF 3, min.insync.replicas=2, segment.bytes SEGMENT_BYTES and retention.bytes
# RETENTION_BYTES per partition, retention checked every 30 s, so the disk stays bounded (at 150,000 records/s
# a 30-minute soak writes about 90 GB over the three brokers; kept: about 1 GiB per partition replica, 18 GiB);
# the reader keeps up (it reads several times faster than the soak writes), and a record deleted before it was
# read counts as lost, so a lagging reader fails the soak rather than passing it.
#
# Env: DURATION (30m; seconds, or Nm / Nh) RATE (records/s; unset = run a) first on the same cluster, 2,000,000
#   records unthrottled as in bench/run.sh, and take half of it) SEGMENT_BYTES (67108864) RETENTION_BYTES
#   (536870912) OUT_DIR (/tmp/ferry-bench-work/soak-<time>) CPUS, and bench/run.sh's knobs (ports, BENCH_BASE).
set -u -o pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)

seconds_of() { case $1 in *h) echo $(( ${1%h} * 3600 ));; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac; }

if [ "${1:-}" = --inside ]; then # run by bench/run.sh as workload x: BOOTSTRAP, LIB, BENCH_PIDS, BENCH_BASE_DIR are set
  jit=""; [ "$(nproc)" -le 2 ] && jit="-XX:TieredStopAtLevel=1"
  # shellcheck disable=SC2206
  ferry=(java -Xmx512m $jit -Dferry.home="$ROOT" -Dlogback.configurationFile="$ROOT/conf/logback-tools.xml" -cp "$LIB/*" io.ferrymq.broker.FerryMain)
  timeout 120 "${ferry[@]}" topics create --bootstrap-server "$BOOTSTRAP" --topic soak --partitions 6 --replication-factor 3 \
    --config min.insync.replicas=2 --config segment.bytes="${SEGMENT_BYTES:-67108864}" \
    --config retention.bytes="${RETENTION_BYTES:-536870912}" > "$SOAK_OUT/create.txt" 2>&1 || { cat "$SOAK_OUT/create.txt"; exit 1; }
  rate=${RATE:-}
  if [ -z "$rate" ]; then
    echo "soak: measuring a) (2,000,000 records, acks=all, unthrottled) for the rate"
    timeout 300 "${ferry[@]}" perf-produce --topic bench --num-records 2000000 --record-size 100 --throughput -1 \
      --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=5 > "$SOAK_OUT/saturation.txt" 2>&1
    sat=$(grep 'records sent,' "$SOAK_OUT/saturation.txt" | grep 'th\.' | tail -1 | sed -E 's/^[0-9]+ records sent, ([0-9.]+) records\/sec.*/\1/')
    [ -n "$sat" ] || { echo "soak: a) gave no figure"; tail -5 "$SOAK_OUT/saturation.txt"; exit 1; }
    rate=$(awk -v s="$sat" 'BEGIN{printf "%d", s / 2}')
    echo "soak.saturation_records_per_s=$sat" > "$SOAK_OUT/rate.txt"
  fi
  echo "soak.rate=$rate" >> "$SOAK_OUT/rate.txt"
  echo "soak: acks=all at $rate records/s for ${SOAK_SECONDS}s"
  exec java -Xmx2g $jit -Dlogback.configurationFile="$ROOT/conf/logback-tools.xml" -cp "$LIB/*" "$ROOT/bench/Soak.java" \
    "$BOOTSTRAP" soak "$rate" "$SOAK_SECONDS" "$SOAK_OUT/soak.csv" "$BENCH_PIDS" "$BENCH_BASE_DIR" > "$SOAK_OUT/soak.txt"
fi

SOAK_SECONDS=$(seconds_of "${DURATION:-30m}")
[[ $SOAK_SECONDS =~ ^[0-9]+$ ]] && [ "$SOAK_SECONDS" -ge 60 ] || { echo "DURATION must be at least 60 s (e.g. 2m, 30m), was '${DURATION:-}'" >&2; exit 2; }
OUT=${OUT_DIR:-/tmp/ferry-bench-work/soak-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
echo "soak: $SOAK_SECONDS s, out $OUT, $(date -u +%H:%M:%SZ) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/sitting.txt" >&2
# the budget covers a), the soak, and draining the reader (bounded by Soak.java at 10 minutes)
budget=$((SOAK_SECONDS + 1200))
SOAK_OUT="$OUT" SOAK_SECONDS="$SOAK_SECONDS" GC_LOG=1 BROKER_EXTRA_PROPS="log.retention.check.interval.ms=30000 ${BROKER_EXTRA_PROPS:-}" WORKLOADS=x RUN_BUDGET_S=$budget XCMD_TIMEOUT_S=$budget \
  XCMD="bash bench/soak.sh --inside" bash "$ROOT/bench/run.sh" > "$OUT/ferry.out" 2> "$OUT/ferry.err"
echo "run.sh exit $?" >> "$OUT/sitting.txt"
[ -f "$OUT/soak.csv" ] || { echo "no soak.csv; see $OUT/ferry.err" >&2; tail -20 "$OUT/ferry.err" >&2; exit 1; }
python3 "$ROOT/bench/soak_report.py" "$OUT" | tee "$OUT/report.md"
