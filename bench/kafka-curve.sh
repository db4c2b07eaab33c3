#!/usr/bin/env bash
# Kafka 3.9.1's side of the latency-under-load curve (issue 23): the cluster of the Kafka anchor
# (../shared/anchors/kafka-zk/run.sh: its pom for the jars, its JVM flags and broker configs, 1 ZooKeeper +
# 3 brokers on 127.0.0.1, topic bench with 6 partitions, RF 3, min.insync.replicas=2), then Kafka's own
# ProducerPerformance with acks=all at each offered rate for STEP_S seconds (a fresh producer per rate, as
# workload l of bench/run.sh does for Ferry), then unthrottled (saturation). Prints summary lines
# `kafka.latency_r<rate>.<metric>=<value>` (r-1 is saturation). The anchor itself is not changed:
# this script repeats its start-up, shortened to what the curve needs.
#
# Loopback only; every wait and every run is bounded; it stops what it started by PID (checked against a
# tag on the JVM command line) and deletes its /tmp dir, also when interrupted; a leftover run is
# cleaned up first.
#
# Knobs (env): RATES ("10000 20000 50000 100000 200000 -1") STEP_S (30) NUM_RECORDS (2000000: the saturation
#   run) RECORD_SIZE (100) ZK_PORT (22381) BROKER_PORT_BASE (29192) KAFKA_EXTRA_JVM ('': e.g.
#   -XX:TieredStopAtLevel=1 on every Kafka JVM) ANCHOR_DIR (../shared/anchors/kafka-zk) CPUS (taskset list)
set -u -o pipefail
if [ -n "${CPUS:-}" ] && [ "${KAFKA_CURVE_PINNED:-}" != "$CPUS" ]; then
  KAFKA_CURVE_PINNED=$CPUS exec taskset -c "$CPUS" bash "$0" "$@"
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# the anchor sits in shared/ next to the repository; from a worktree (repo/../wt/<name>) one level further up
ANCHOR_DIR=${ANCHOR_DIR:-$( [ -d "$ROOT/../shared/anchors/kafka-zk" ] && echo "$ROOT/../shared/anchors/kafka-zk" || echo "$ROOT/../../shared/anchors/kafka-zk")}
WORK=${ANCHOR_WORK:-/tmp/kafka-zk-anchor-work}
BASE=/tmp/ferry-kafka-curve
PIDS="$BASE/pids"
MARK="-Dferrykafkacurve.run=1"
ZK_PORT=${ZK_PORT:-22381}
BROKER_PORT_BASE=${BROKER_PORT_BASE:-29192}
RATES=${RATES:-"10000 20000 50000 100000 200000 -1"}
STEP_S=${STEP_S:-30}
N=${NUM_RECORDS:-2000000}
SIZE=${RECORD_SIZE:-100}
NB=3
BROKER_JVM="-Xmx1g -Xms1g -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true ${KAFKA_EXTRA_JVM:-}"
TOOL_JVM="-Xmx512M -server -XX:+UseG1GC -Djava.awt.headless=true ${KAFKA_EXTRA_JVM:-}"
declare -a SUMMARY=()
emit() { SUMMARY+=("kafka.$1=$2"); }
log() { echo "[kafka-curve $(date +%H:%M:%S)] $*" >&2; }
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $st != Z* ]]; }
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$MARK"; }
stop_pid() { local pid=$1 s=$2; ours "$pid" || return 0; kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 $((s * 2))); do alive "$pid" || return 0; sleep 0.5; done; kill -KILL "$pid" 2>/dev/null; return 0; }
kill_recorded() { [ -f "$PIDS" ] || return 0; local pid; for pid in $(tail -n +2 "$PIDS"); do stop_pid "$pid" 30; done
  stop_pid "$(head -1 "$PIDS")" 10; }
stop_and_clean() { log "stopping processes by PID"; kill_recorded
  if [ -d "$BASE/out" ]; then local dst; dst="$WORK/logs/curve-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$dst"; cp -r "$BASE/out" "$dst"/; fi
  rm -rf "$BASE"; }
on_exit() { local rc=$?; trap - EXIT INT TERM; stop_and_clean; exit $rc; }
if [ -d "$BASE" ]; then log "found leftover $BASE, cleaning it"; kill_recorded; rm -rf "$BASE"; fi
port_busy() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }
for p in "$ZK_PORT" $(seq "$BROKER_PORT_BASE" $((BROKER_PORT_BASE + NB - 1))); do
  port_busy "$p" && { echo "port $p is busy; set ZK_PORT/BROKER_PORT_BASE" >&2; exit 2; }
done
mkdir -p "$BASE/out" "$WORK"
: > "$PIDS"
trap on_exit EXIT
trap 'exit 130' INT TERM

log "building classpath from $ANCHOR_DIR/pom.xml"
timeout 300 mvn -q -f "$ANCHOR_DIR/pom.xml" dependency:build-classpath -Dmdep.outputFile="$BASE/cp.txt" >"$BASE/out/mvn.log" 2>&1 \
  || { cat "$BASE/out/mvn.log" >&2; echo "classpath build failed" >&2; exit 1; }
CP=$(cat "$BASE/cp.txt")
cat > "$BASE/log4j-server.properties" <<'EOF'
log4j.rootLogger=INFO, F
log4j.appender.F=org.apache.log4j.FileAppender
log4j.appender.F.File=${kafka.logs.dir}/server.log
log4j.appender.F.layout=org.apache.log4j.PatternLayout
log4j.appender.F.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
EOF
cat > "$BASE/log4j-tools.properties" <<'EOF'
log4j.rootLogger=WARN, E
log4j.appender.E=org.apache.log4j.ConsoleAppender
log4j.appender.E.Target=System.err
log4j.appender.E.layout=org.apache.log4j.PatternLayout
log4j.appender.E.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
mkdir -p "$BASE/zk/data" "$BASE/zk/logs"
printf 'tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\nadmin.enableServer=false\n4lw.commands.whitelist=ruok,srvr\n' \
  "$BASE/zk/data" "$ZK_PORT" > "$BASE/zk/zoo.cfg"
java -Xmx512m -Xms512m ${KAFKA_EXTRA_JVM:-} $MARK -Dkafka.logs.dir="$BASE/zk/logs" -Dlog4j.configuration="file:$BASE/log4j-server.properties" \
  -cp "$CP" org.apache.zookeeper.server.ZooKeeperServerMain "$BASE/zk/zoo.cfg" >"$BASE/zk/logs/stdout" 2>&1 &
echo $! >> "$PIDS"
zk_ok() { [ "$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$ZK_PORT; printf ruok >&3; cat <&3" 2>/dev/null)" = "imok" ]; }
ok=0; for _ in $(seq 1 60); do zk_ok && { ok=1; break; }; sleep 0.5; done
[ $ok -eq 1 ] || { echo "ZooKeeper did not come up" >&2; exit 1; }

BOOTSTRAP=""
for i in $(seq 0 $((NB - 1))); do
  port=$((BROKER_PORT_BASE + i))
  BOOTSTRAP="${BOOTSTRAP:+$BOOTSTRAP,}127.0.0.1:$port"
  mkdir -p "$BASE/broker-$i/data" "$BASE/broker-$i/logs"
  cat > "$BASE/broker-$i/server.properties" <<EOF
broker.id=$i
listeners=PLAINTEXT://127.0.0.1:$port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
log.dirs=$BASE/broker-$i/data
zookeeper.connect=127.0.0.1:$ZK_PORT
zookeeper.connection.timeout.ms=18000
unclean.leader.election.enable=false
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
EOF
  log "starting broker $i on 127.0.0.1:$port"
  java $BROKER_JVM $MARK -Dkafka.logs.dir="$BASE/broker-$i/logs" -Dlog4j.configuration="file:$BASE/log4j-server.properties" \
    -cp "$CP" kafka.Kafka "$BASE/broker-$i/server.properties" >"$BASE/broker-$i/logs/stdout" 2>&1 &
  echo $! >> "$PIDS"
done
tool() { local t=$1; shift; timeout "$t" java $TOOL_JVM $MARK -Dlog4j.configuration="file:$BASE/log4j-tools.properties" -cp "$CP" "$@"; }

ok=0
for _ in $(seq 1 60); do
  tool 60 org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --topic bench --partitions 6 \
    --replication-factor 3 --config min.insync.replicas=2 >"$BASE/out/create.txt" 2>&1 && { ok=1; break; }
  grep -q "already exists" "$BASE/out/create.txt" && { ok=1; break; }
  sleep 2
done
[ $ok -eq 1 ] || { cat "$BASE/out/create.txt" >&2; echo "topic bench not created" >&2; exit 1; }
ok=0
for _ in $(seq 1 60); do
  d=$(tool 60 org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --describe --topic bench 2>/dev/null)
  if [ "$(grep -c 'Partition: ' <<<"$d")" -eq 6 ] && ! grep -Eq 'Leader: (none|-1)' <<<"$d" \
      && [ "$(grep 'Partition: ' <<<"$d" | awk '{for(i=1;i<=NF;i++) if($i=="Isr:") print $(i+1)}' | grep -c '^[0-9]*,[0-9]*,[0-9]*$')" -eq 6 ]; then
    ok=1; break; fi
  sleep 1
done
[ $ok -eq 1 ] || { echo "topic bench not fully replicated" >&2; exit 1; }

for r in $RATES; do
  if [ "$r" -gt 0 ]; then n=$((r * STEP_S)); else n=$N; fi
  w="latency_r$r"
  log "$w: $n x $SIZE B, acks=all, throughput=$r"
  tool 300 org.apache.kafka.tools.ProducerPerformance --topic bench --num-records "$n" --record-size "$SIZE" --throughput "$r" \
    --producer-props bootstrap.servers="$BOOTSTRAP" acks=all linger.ms=5 compression.type=none >"$BASE/out/$w.txt" 2>&1
  line=$(grep 'records sent,' "$BASE/out/$w.txt" | grep 'th\.' | tail -1)
  if [ -z "$line" ]; then emit "$w.status" FAILED; tail -5 "$BASE/out/$w.txt" >&2; continue; fi
  echo "$line" >&2
  read -r rec rps avg max p50 p99 p999 < <(sed -E \
    's/^([0-9]+) records sent, ([0-9.]+) records\/sec \([0-9.]+ MB\/sec\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency, ([0-9]+) ms 50th, [0-9]+ ms 95th, ([0-9]+) ms 99th, ([0-9]+) ms 99.9th.*/\1 \2 \3 \4 \5 \6 \7/' <<<"$line")
  emit "$w.status" OK; emit "$w.records" "$rec"; emit "$w.records_per_s" "$rps"; emit "$w.latency_avg_ms" "$avg"
  emit "$w.latency_p50_ms" "$p50"; emit "$w.latency_p99_ms" "$p99"; emit "$w.latency_p999_ms" "$p999"; emit "$w.latency_max_ms" "$max"
done
emit "env.kafka_extra_jvm" "${KAFKA_EXTRA_JVM:-none}"
emit "env.nproc" "$(nproc)"

trap - EXIT INT TERM
stop_and_clean
echo "=== kafka latency curve summary ($(date -u +%Y-%m-%dT%H:%M:%SZ)) ==="
for l in "${SUMMARY[@]}"; do echo "$l"; done
