#!/usr/bin/env bash
# One or more sittings of Kafka against Ferry on this machine (issue 23). Each sitting runs, back to
# back: the Kafka anchor (ANCHOR_DIR/run.sh, default ../shared/anchors/kafka-zk next to the
# repository) with its launchers' default JIT, the anchor again with KAFKA_EXTRA_JVM=-XX:TieredStopAtLevel=1
# on every Kafka JVM (Ferry's own rule on <= 2 CPUs), then bench/run.sh. bench/tables.py then prints,
# per sitting, every figure against the BETTER of the two Kafka runs of that sitting (higher records/s,
# lower latency, lower CPU per 1,000 records) with the issue's targets, and a table over all sittings.
# Nothing of Kafka is part of this repository: the anchor fetches its own jars from Maven Central.
#
# Env: SITTINGS (1: how many sittings, one after the other), KAFKA_JITS ("default c1": which Kafka runs a
#   sitting makes; default = the anchor's flags, c1 = KAFKA_EXTRA_JVM=-XX:TieredStopAtLevel=1),
#   CPUS (unset; e.g. 0-1: every side runs under `taskset -c $CPUS`, its servers and its tools on the same
#   cores; Ferry's launcher rule counts the CPUs it is given, so 0-3 on a larger machine gives Ferry C2),
#   ANCHOR_DIR, OUT_DIR (/tmp/ferry-bench-work/side-by-side-<time>; sitting N in $OUT_DIR/sN), SIDE_TIMEOUT_S
#   (900 per run), and every knob of both scripts (NUM_RECORDS applies to both).
set -u -o pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# the anchor sits in shared/ next to the repository; from a worktree (repo/../wt/<name>) one level further up
ANCHOR_DIR=${ANCHOR_DIR:-$( [ -d "$ROOT/../shared/anchors/kafka-zk" ] && echo "$ROOT/../shared/anchors/kafka-zk" || echo "$ROOT/../../shared/anchors/kafka-zk")}
OUT=${OUT_DIR:-/tmp/ferry-bench-work/side-by-side-$(date -u +%Y%m%dT%H%M%SZ)}
SITTINGS=${SITTINGS:-1}
KAFKA_JITS=${KAFKA_JITS:-"default c1"}
CPUS=${CPUS:-}
SIDE_TIMEOUT_S=${SIDE_TIMEOUT_S:-900}
[ -x "$ANCHOR_DIR/run.sh" ] || { echo "no Kafka anchor at $ANCHOR_DIR (set ANCHOR_DIR)" >&2; exit 2; }
[[ $SITTINGS =~ ^[1-9][0-9]?$ ]] || { echo "SITTINGS must be 1-99, was '$SITTINGS'" >&2; exit 2; }
for j in $KAFKA_JITS; do
  case $j in default|c1) ;; *) echo "KAFKA_JITS takes default and c1, was '$j'" >&2; exit 2 ;; esac
done
if [ -n "$CPUS" ]; then taskset -c "$CPUS" true 2>/dev/null || { echo "CPUS='$CPUS' is not a CPU list taskset accepts here" >&2; exit 2; }; fi
mkdir -p "$OUT"

pin() { if [ -n "$CPUS" ]; then taskset -c "$CPUS" "$@"; else "$@"; fi; }
snap() { echo "$1 $(date -u +%H:%M:%SZ) loadavg=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$2/sitting.txt" >&2; }

sitting() { # sitting <dir>
  local d=$1 j
  mkdir -p "$d"
  { echo "machine: nproc=$(nproc) cpus_online=$(getconf _NPROCESSORS_ONLN) cpu=\"$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)\" mem=$(free -g | awk '/Mem:/{print $2}')G kernel=$(uname -r)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "pinned: ${CPUS:-no} (each side's processes: $(pin nproc) CPUs)"
    echo "ferry: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"; } | tee -a "$d/sitting.txt" >&2
  # machine-wide CPU per record needs the number of CPUs /proc/stat counts, whatever the pinning
  echo "cpus_online=$(getconf _NPROCESSORS_ONLN)" > "$d/env.txt"
  for j in $KAFKA_JITS; do
    snap "kafka-$j-start" "$d"
    if [ "$j" = c1 ]; then
      KAFKA_EXTRA_JVM="${KAFKA_EXTRA_JVM:-} -XX:TieredStopAtLevel=1" pin timeout "$SIDE_TIMEOUT_S" "$ANCHOR_DIR/run.sh" \
        >"$d/kafka-$j.out" 2>"$d/kafka-$j.err"
    else
      pin timeout "$SIDE_TIMEOUT_S" "$ANCHOR_DIR/run.sh" >"$d/kafka-$j.out" 2>"$d/kafka-$j.err"
    fi
    echo "kafka-$j exit $?" >>"$d/sitting.txt"
  done
  snap "ferry-start" "$d"
  pin timeout "$SIDE_TIMEOUT_S" "$ROOT/bench/run.sh" >"$d/ferry.out" 2>"$d/ferry.err"; echo "ferry exit $?" >>"$d/sitting.txt"
  snap "end" "$d"
}

dirs=()
for s in $(seq 1 "$SITTINGS"); do
  echo "=== sitting $s of $SITTINGS ($OUT/s$s) ===" >&2
  sitting "$OUT/s$s"
  dirs+=("$OUT/s$s")
  { echo "=== sitting $s ($OUT/s$s) ==="; cat "$OUT/s$s/sitting.txt"; python3 "$ROOT/bench/tables.py" --sitting "$OUT/s$s"; } | tee "$OUT/s$s/ratios.txt"
done
{ echo "=== all sittings ==="; python3 "$ROOT/bench/tables.py" "${dirs[@]}"; } | tee "$OUT/tables.md"
