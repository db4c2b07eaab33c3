#!/usr/bin/env bash
# Scale figures (issue 20): 1 ZooKeeper + 3 brokers on 127.0.0.1, one topic with PARTITIONS partitions
# (default 10,000), replication factor 3, then one line per figure:
#   elect_s             topic create started -> every partition has a registered leader
#   fds / threads / heap_used_mb per broker (from /proc/<pid>/fd, /proc/<pid>/status, jcmd GC.heap_info after GC.run)
#   idle_cpu_pct        CPU of ZooKeeper + brokers over IDLE_S seconds, in % of one core (/proc/<pid>/stat)
#   failover_s          kill -9 of broker VICTIM -> every partition led by another registered broker
#                       (session timeout printed next to it)
#   isr_back_s          restart of VICTIM -> VICTIM in every partition's ISR
#   shutdown_s          SIGTERM of VICTIM (controlled shutdown) -> process exited; leaders_moved_s next to it
#   isr_back_after_shutdown_s
#   fill                ROUNDS one-record batches per partition (topic segment.bytes=200: a segment each)
#   restart_all         every broker stopped and restarted: fds again, elect_s again
# Figures are read where both systems keep them: the partition state znodes in ZooKeeper
# (bench/ScaleProbe.java), so Ferry and Kafka are measured alike.
#
# SYSTEM=ferry (default) runs Ferry from broker-node/target (mvn -o package -DskipTests -pl broker-node -am
# first); SYSTEM=kafka runs Apache Kafka 3.9.1 in ZooKeeper mode with the anchor's jars and JVM flags
# (ANCHOR_DIR, default ../shared/anchors/kafka-zk; its classpath is built with mvn from its pom);
# SYSTEM=both runs Kafka, then Ferry, in one sitting. FERRY_LIB may point at another build's jars (a
# directory holding the broker-node jar and its lib/ jars), e.g. to measure a baseline.
#
# Bounded everywhere (every wait has a timeout; a figure that times out prints TIMEOUT), every process
# is started by this script and stopped by its PID (tagged on its command line, checked before any
# signal), fixed ports below 32768, its run-time directory is deleted at the end (logs kept under WORK).
#
# Knobs (env): PARTITIONS (10000) SESSION_MS (6000: zookeeper.session.timeout.ms of the brokers)
#   VICTIM (1) IDLE_S (30) ROUNDS (3) ZK_PORT (23181) BROKER_PORT_BASE (23092; Ferry's Kafka listener at +10)
#   WAIT_S (300: the bound of each wait) BASE (/tmp/ferry-scale-<system>) WORK (/tmp/ferry-scale-work)
#   JFR (unset; 1: every broker records a JFR profile, $BASE/logs/broker-<i>.jfr, kept under WORK, for
#   bench/jfr_top.py) STOP_AFTER (unset; elect: stop after the create/elect figures and the idle CPU;
#   failover: stop after failover_s)
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SYSTEM=${SYSTEM:-ferry}
if [ "$SYSTEM" = both ]; then
  SYSTEM=kafka "$0"; k=$?
  SYSTEM=ferry "$0"; f=$?
  exit $((k > f ? k : f))
fi
case "$SYSTEM" in ferry|kafka) ;; *) echo "SYSTEM must be ferry, kafka or both, was '$SYSTEM'" >&2; exit 2 ;; esac

PARTITIONS=${PARTITIONS:-10000}
SESSION_MS=${SESSION_MS:-6000}
VICTIM=${VICTIM:-1}
IDLE_S=${IDLE_S:-30}
ROUNDS=${ROUNDS:-3}
ZK_PORT=${ZK_PORT:-23181}
BROKER_PORT_BASE=${BROKER_PORT_BASE:-23092}
WAIT_S=${WAIT_S:-300}
BASE=${BASE:-/tmp/ferry-scale-$SYSTEM}
WORK=${WORK:-/tmp/ferry-scale-work}
ANCHOR_DIR=${ANCHOR_DIR:-$ROOT/../shared/anchors/kafka-zk}
NB=3
TOPIC=scale
MARK="-Dferryscale.run=1"
PIDS="$BASE/pids"

log() { echo "[scale $SYSTEM $(date +%H:%M:%S)] $*" >&2; }
figure() { echo "$SYSTEM.$1=$2" | tee -a "$BASE/figures.txt"; }
now_ms() { date +%s%3N; }
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $st != Z* ]]; }
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$MARK"; }
stop_pid() { # stop_pid <pid> <seconds>: SIGTERM, bounded wait, SIGKILL (only our own tagged JVMs)
  local pid=$1 s=$2
  ours "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 $((s * 4))); do alive "$pid" || return 0; sleep 0.25; done
  log "SIGKILL pid $pid"; kill -KILL "$pid" 2>/dev/null; return 0
}
broker_pid() { cat "$BASE/broker-$1.pid" 2>/dev/null; }
kill_all() {
  local i pids=()
  for i in $(seq 0 $((NB - 1))); do [ -f "$BASE/broker-$i.pid" ] && { stop_pid "$(broker_pid "$i")" 60 & pids+=($!); }; done
  [ ${#pids[@]} -gt 0 ] && wait "${pids[@]}"
  [ -f "$BASE/zk.pid" ] && stop_pid "$(cat "$BASE/zk.pid")" 20
  return 0
}
on_exit() {
  local rc=$?; trap - EXIT INT TERM
  log "stopping processes by PID"
  kill_all
  if [ -d "$BASE" ]; then
    local dst; dst="$WORK/$SYSTEM-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$dst"
    cp -r "$BASE/logs" "$BASE/out" "$BASE/figures.txt" "$dst"/ 2>/dev/null; log "logs kept in $dst"
  fi
  rm -rf "$BASE"
  exit $rc
}
if [ -d "$BASE" ]; then log "found leftover $BASE, cleaning it"; kill_all; rm -rf "$BASE"; fi
port_busy() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }
for p in "$ZK_PORT" $(seq "$BROKER_PORT_BASE" $((BROKER_PORT_BASE + NB - 1))) $(seq $((BROKER_PORT_BASE + 10)) $((BROKER_PORT_BASE + 12))); do
  port_busy "$p" && { echo "port $p is busy; set ZK_PORT/BROKER_PORT_BASE" >&2; exit 2; }
done
mkdir -p "$BASE/logs" "$BASE/out" "$WORK"
: > "$BASE/figures.txt"
trap on_exit EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- jars
FERRY_LIB=${FERRY_LIB:-}
if [ -z "$FERRY_LIB" ]; then
  jar=$(ls "$ROOT"/broker-node/target/ferry-broker-node-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)
  [ -n "$jar" ] && [ -d "$ROOT/broker-node/target/lib" ] || { echo "no Ferry build: mvn -o package -DskipTests -pl broker-node -am" >&2; exit 2; }
  mkdir -p "$BASE/lib"; cp "$jar" "$ROOT"/broker-node/target/lib/*.jar "$BASE/lib/"
  FERRY_LIB="$BASE/lib"
fi
PROBE_CP="$FERRY_LIB/*"
TOOL_LOG="-Dlogback.configurationFile=$ROOT/conf/logback-tools.xml"
probe() { timeout $((WAIT_S + 60)) java -Xmx256m -XX:TieredStopAtLevel=1 $TOOL_LOG -cp "$PROBE_CP" "$ROOT/bench/ScaleProbe.java" "$@"; }
if [ "$SYSTEM" = kafka ]; then
  log "resolving Kafka's classpath from $ANCHOR_DIR/pom.xml"
  timeout 300 mvn -q -f "$ANCHOR_DIR/pom.xml" dependency:build-classpath -Dmdep.outputFile="$BASE/kafka-cp.txt" \
      >"$BASE/out/mvn.log" 2>&1 || { cat "$BASE/out/mvn.log" >&2; echo "could not resolve Kafka's classpath" >&2; exit 1; }
  KCP=$(cat "$BASE/kafka-cp.txt")
  TOPICS_ROOT=/brokers/topics; IDS=/brokers/ids
  cat > "$BASE/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, F
log4j.appender.F=org.apache.log4j.FileAppender
log4j.appender.F.File=${kafka.logs.dir}/server.log
log4j.appender.F.layout=org.apache.log4j.PatternLayout
log4j.appender.F.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
EOF
else
  TOPICS_ROOT=/ferry/topics; IDS=/ferry/brokers/ids
fi
JIT=""; [ "$(nproc)" -le 2 ] && [ "$SYSTEM" = ferry ] && JIT="-XX:TieredStopAtLevel=1"   # bin/ferry's rule
BROKER_JVM="-Xmx1g -Xms1g -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true $JIT"
jfr() { [ "${JFR:-}" = 1 ] && echo "-XX:StartFlightRecording=filename=$BASE/logs/broker-$1.jfr,settings=profile,dumponexit=true"; }
ZK_JVM="-Xmx512m -Xms512m"

# ---------------------------------------------------------------- ZooKeeper
log "ZooKeeper on 127.0.0.1:$ZK_PORT"
mkdir -p "$BASE/zk"
if [ "$SYSTEM" = kafka ]; then
  printf 'tickTime=2000\ndataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\nadmin.enableServer=false\n4lw.commands.whitelist=ruok\n' \
    "$BASE/zk" "$ZK_PORT" > "$BASE/zoo.cfg"
  java $ZK_JVM $MARK -Dkafka.logs.dir="$BASE/logs/zk" -Dlog4j.configuration="file:$BASE/log4j.properties" \
    -cp "$KCP" org.apache.zookeeper.server.ZooKeeperServerMain "$BASE/zoo.cfg" >"$BASE/logs/zk.stdout" 2>&1 &
else
  java $ZK_JVM $JIT $MARK -Dferry.home="$ROOT" -Dferry.log.dir="$BASE/logs" -Dferry.log.name=zookeeper \
    -Dlogback.configurationFile="$ROOT/conf/logback.xml" -cp "$FERRY_LIB/*" io.ferrymq.broker.FerryMain \
    zookeeper --port "$ZK_PORT" --data-dir "$BASE/zk" >"$BASE/logs/zk.stdout" 2>&1 &
fi
echo $! > "$BASE/zk.pid"
ok=0; for _ in $(seq 1 120); do port_busy "$ZK_PORT" && { ok=1; break; }; sleep 0.5; done
[ $ok = 1 ] || { echo "ZooKeeper did not come up" >&2; tail -20 "$BASE/logs/zk.stdout" >&2; exit 1; }

# ---------------------------------------------------------------- brokers
BOOTSTRAP=""; KBOOTSTRAP=""
for i in $(seq 0 $((NB - 1))); do
  port=$((BROKER_PORT_BASE + i))
  BOOTSTRAP="${BOOTSTRAP:+$BOOTSTRAP,}127.0.0.1:$port"
  mkdir -p "$BASE/broker-$i/data" "$BASE/logs/broker-$i"
  if [ "$SYSTEM" = kafka ]; then
    KBOOTSTRAP=$BOOTSTRAP
    cat > "$BASE/broker-$i/server.properties" <<CFG
broker.id=$i
listeners=PLAINTEXT://127.0.0.1:$port
log.dirs=$BASE/broker-$i/data
zookeeper.connect=127.0.0.1:$ZK_PORT
zookeeper.session.timeout.ms=$SESSION_MS
zookeeper.connection.timeout.ms=18000
unclean.leader.election.enable=false
offsets.topic.replication.factor=3
group.initial.rebalance.delay.ms=0
CFG
  else
    KBOOTSTRAP="${KBOOTSTRAP:+$KBOOTSTRAP,}127.0.0.1:$((port + 10))"
    cat > "$BASE/broker-$i/server.properties" <<CFG
broker.id=$i
listeners=PLAINTEXT://127.0.0.1:$port,KAFKA://127.0.0.1:$((port + 10))
inter.broker.listener.name=PLAINTEXT
log.dirs=$BASE/broker-$i/data
zookeeper.connect=127.0.0.1:$ZK_PORT
zookeeper.session.timeout.ms=$SESSION_MS
zookeeper.connection.timeout.ms=18000
admin.http.port=-1
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
CFG
  fi
done
start_broker() { # start_broker <id>
  local i=$1
  if [ "$SYSTEM" = kafka ]; then
    java $BROKER_JVM $(jfr "$i") $MARK -Dkafka.logs.dir="$BASE/logs/broker-$i" -Dlog4j.configuration="file:$BASE/log4j.properties" \
      -cp "$KCP" kafka.Kafka "$BASE/broker-$i/server.properties" >>"$BASE/logs/broker-$i/stdout" 2>&1 &
  else
    java $BROKER_JVM $(jfr "$i") $MARK -Dferry.home="$ROOT" -Dferry.log.dir="$BASE/logs/broker-$i" -Dferry.log.name="broker-$i" \
      -Dlogback.configurationFile="$ROOT/conf/logback.xml" -cp "$FERRY_LIB/*" io.ferrymq.broker.FerryMain \
      broker --config "$BASE/broker-$i/server.properties" >>"$BASE/logs/broker-$i/stdout" 2>&1 &
  fi
  echo $! > "$BASE/broker-$i.pid"
}
wait_registered() { # wait_registered <count> <label>
  local out; out=$(probe brokers "127.0.0.1:$ZK_PORT" "$TOPICS_ROOT" "$IDS" - "$1" "$(now_ms)" "$WAIT_S" -1)
  echo "$out" | grep -q elapsed_ms || { echo "brokers did not register ($2): $out" >&2; return 1; }
}
for i in $(seq 0 $((NB - 1))); do start_broker "$i"; done
wait_registered $NB start || exit 1
log "3 brokers registered"

# ---------------------------------------------------------------- helpers
ms_to_s() { awk -v m="$1" 'BEGIN{printf "%.1f", m / 1000}'; }
measure() { # measure <figure> <mode> <start ms> <broker>: prints the figure in seconds, or TIMEOUT
  local out; out=$(probe "$2" "127.0.0.1:$ZK_PORT" "$TOPICS_ROOT" "$IDS" "$TOPIC" "$PARTITIONS" "$3" "$WAIT_S" "$4")
  echo "$out" >> "$BASE/out/probe.txt"
  local ms; ms=$(echo "$out" | sed -n 's/.*elapsed_ms=\([0-9]*\).*/\1/p')
  if [ -n "$ms" ]; then figure "$1" "$(ms_to_s "$ms")"; log "$1: $out"; else figure "$1" "TIMEOUT($out)"; fi
}
resources() { # resources <label>: descriptors, threads, heap in use after a GC, per broker
  local i pid fds thr heap
  for i in $(seq 0 $((NB - 1))); do
    pid=$(broker_pid "$i"); alive "$pid" || { figure "$1.broker$i" "dead"; continue; }
    fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    thr=$(awk '/^Threads:/{print $2}' "/proc/$pid/status")
    timeout 60 jcmd "$pid" GC.run >/dev/null 2>&1; sleep 1
    heap=$(timeout 60 jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/{for(j=1;j<=NF;j++) if($j=="used"){v=$(j+1); sub(/K,?/,"",v); printf "%d", v/1024}}')
    figure "$1.broker$i" "fds=$fds threads=$thr heap_used_mb=${heap:-?}"
  done
  figure "$1.fd_limit" "$(awk '/Max open files/{print $4}' "/proc/$(broker_pid 0)/limits")"
}
HZ=$(getconf CLK_TCK)
ticks() { local t=0 v f; for f in "$BASE"/zk.pid "$BASE"/broker-*.pid; do
  v=$(awk '{print $14 + $15}' "/proc/$(cat "$f")/stat" 2>/dev/null) && t=$((t + v)); done; echo $t; }
all_leaders() { measure "$1" leaders "$2" -1; }
tcmd() { # topic creation through the system's own CLI
  if [ "$SYSTEM" = kafka ]; then
    timeout "$WAIT_S" java -Xmx512m -cp "$KCP" -Dlog4j.configuration="file:$BASE/log4j.properties" -Dkafka.logs.dir="$BASE/logs" \
      org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --topic "$TOPIC" \
      --partitions "$PARTITIONS" --replication-factor 3 --config segment.bytes=200
  else
    timeout "$WAIT_S" java -Xmx512m $JIT -Dlogback.configurationFile="$ROOT/conf/logback-tools.xml" -cp "$FERRY_LIB/*" \
      io.ferrymq.broker.FerryMain topics create --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" \
      --partitions "$PARTITIONS" --replication-factor 3 --config segment.bytes=200 \
      --command-property request.timeout.ms=$((WAIT_S * 1000)) --command-property default.api.timeout.ms=$((WAIT_S * 1000))
  fi
}

# ---------------------------------------------------------------- 1. create, elect
figure partitions "$PARTITIONS"
figure session_timeout_ms "$SESSION_MS"
log "creating $TOPIC: $PARTITIONS partitions, RF 3"
T=$(now_ms)
tcmd >"$BASE/out/create.txt" 2>&1 || { cat "$BASE/out/create.txt" >&2; figure create "FAILED (measuring on: the brokers may still create it)"; }
figure create_returned_s "$(ms_to_s $(($(now_ms) - T)))"
all_leaders elect_s "$T"
sleep 5
resources after_create

# ---------------------------------------------------------------- 2. idle CPU
log "idle CPU over ${IDLE_S}s"
a=$(ticks); sleep "$IDLE_S"; b=$(ticks)
figure idle_cpu_pct "$(awk -v a="$a" -v b="$b" -v hz="$HZ" -v s="$IDLE_S" 'BEGIN{printf "%.1f", 100 * (b - a) / hz / s}')"
if [ "${STOP_AFTER:-}" = elect ]; then log "done (STOP_AFTER=elect)"; exit 0; fi

# ---------------------------------------------------------------- 3. kill -9, restart
VPID=$(broker_pid "$VICTIM")
log "kill -9 broker $VICTIM (pid $VPID)"
ours "$VPID" || { echo "broker $VICTIM pid $VPID is not ours" >&2; exit 1; }
T=$(now_ms); kill -KILL "$VPID"; wait "$VPID" 2>/dev/null
measure failover_s leaders "$T" "$VICTIM"
if [ "${STOP_AFTER:-}" = failover ]; then log "done (STOP_AFTER=failover)"; exit 0; fi
log "restarting broker $VICTIM"
T=$(now_ms); start_broker "$VICTIM"
measure isr_back_s isr "$T" "$VICTIM"

# ---------------------------------------------------------------- 4. controlled shutdown, restart
sleep 5
VPID=$(broker_pid "$VICTIM")
log "controlled shutdown of broker $VICTIM (SIGTERM pid $VPID)"
T=$(now_ms); kill -TERM "$VPID"
for _ in $(seq 1 $((WAIT_S * 10))); do alive "$VPID" || break; sleep 0.1; done
if alive "$VPID"; then figure shutdown_s "TIMEOUT"; kill -KILL "$VPID"; else figure shutdown_s "$(ms_to_s $(($(now_ms) - T)))"; fi
wait "$VPID" 2>/dev/null
measure shutdown_leaders_moved_s leaders "$T" "$VICTIM"
T=$(now_ms); start_broker "$VICTIM"
measure isr_back_after_shutdown_s isr "$T" "$VICTIM"

# ---------------------------------------------------------------- 5. several segments per partition, restart all
log "writing $ROUNDS one-record batches to every partition"
out=$(timeout $((WAIT_S * 2)) java -Xmx512m -XX:TieredStopAtLevel=1 $TOOL_LOG -cp "$PROBE_CP" "$ROOT/bench/ScaleFill.java" "$KBOOTSTRAP" "$TOPIC" "$PARTITIONS" "$ROUNDS" 2>"$BASE/out/fill.err")
figure fill "$(echo "${out:-FAILED}" | tr '\n' ' ')"
segs=$(find "$BASE/broker-0/data" -name '*.log' | wc -l)
figure segments_on_broker0 "$segs"
resources after_fill
log "restarting every broker"
stoppers=(); for i in $(seq 0 $((NB - 1))); do stop_pid "$(broker_pid "$i")" "$WAIT_S" & stoppers+=($!); done; wait "${stoppers[@]}"
T=$(now_ms)
for i in $(seq 0 $((NB - 1))); do start_broker "$i"; done
wait_registered $NB restart || figure restart_all "FAILED(register)"
all_leaders restart_elect_s "$T"
sleep 5
resources after_restart
figure segments_on_broker0_after_restart "$(find "$BASE/broker-0/data" -name '*.log' | wc -l)"
grep -h -i -m3 "too many open files" "$BASE"/logs/broker-*/* 2>/dev/null | head -3 | sed 's/^/  /' >&2
figure too_many_open_files_lines "$(cat "$BASE"/logs/broker-*/* 2>/dev/null | grep -ci 'too many open files')"
log "done"
