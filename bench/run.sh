#!/usr/bin/env bash
# Ferry performance workloads a-e (issue 8), the same shapes as the Kafka anchor
# (../shared/anchors/kafka-zk/run.sh), against a local cluster of 1 ZooKeeper + 3 brokers.
#
# End to end: snapshot the built jars -> ZooKeeper + 3 brokers as processes on 127.0.0.1
# -> topic bench (6 partitions, RF=3, min.insync.replicas=2) -> workloads a, b, e, c, d
# -> stop every process it started, by PID -> delete its /tmp dir -> print summary lines
# `ferry.<workload>.<metric>=<value>` (same metric names as the anchor's `anchor.` lines).
#
# Workload d needs all 6 partitions of an RF=1 topic on one broker: as in Kafka's anchor, bench1 is
# created with `--replica-assignment 0,0,0,0,0,0` while brokers 1 and 2 stay up, idle; the run
# checks that broker 0 leads all 6 partitions before producing.
#
# Loopback only. Every wait and workload is bounded; a global deadline (RUN_BUDGET_S) caps the
# workload phase. A leftover run (crash, kill -9 of this script) is cleaned up by the PIDs it
# recorded, checked against a tag on the JVM command line before any signal is sent.
#
# Knobs (env): NUM_RECORDS (2000000) RECORD_SIZE (100) ZK_PORT (21181) BROKER_PORT_BASE (19092; fixed ports
#   stay below the ephemeral range, 32768) COMPRESSION (none: the producers' compression.type)
#   PRODUCER_PROPS (extra producer properties for every workload, e.g. 'enable.idempotence=false')
#   RUN_BUDGET_S (600) START_TIMEOUT_S (240) BUILD (0: build only when the jar is missing; 1: always)
#   JFR (0; 1 = Flight Recorder, 2 ms Java sampling: each client run, each broker per workload; .jfr kept)
#   BENCH_BASE (/tmp/ferry-bench: run-time files and PIDs; two runs at once need two BASEs and two port sets)
#   SECURITY (plaintext; ssl = every listener and the brokers' own traffic over TLS, with a CA and a certificate
#   per broker generated at start by bench/GenerateCerts.java, the generator of ferry quickstart --secure;
#   sasl_ssl = the same plus SCRAM-SHA-512, users bench-broker and bench-client with random passwords created with
#   ferry users add --zookeeper before the brokers start; the clients get $BASE/client.properties with
#   --command-config, also exported to XCMD as CLIENT_CONFIG)
#   CLIENT (ferry; kafka = every broker also listens on KAFKA://127.0.0.1:<port + 10> and workloads a b e c d run
#   Kafka 3.9.1's own ProducerPerformance/ConsumerPerformance against it, with the anchor's tool JVM flags plus
#   KAFKA_EXTRA_JVM; the jars come from the anchor's pom (ANCHOR_DIR, ../shared/anchors/kafka-zk); plaintext only)
#   REPORT_MS (5000: perf-produce progress period) FERRY_JIT (auto: as bin/ferry; c1; c2) TOOL_JIT (FERRY_JIT)
#   WORKLOADS ("a b e c d"; x runs the shell command XCMD with BOOTSTRAP and LIB (the jars) set, e.g.
#   XCMD='java -Dlogback.configurationFile=conf/logback-tools.xml -cp "$LIB/*" bench/BatchLatency.java "$BOOTSTRAP" all 5 300000 20000') BENCH_WORK (/tmp/ferry-bench-work: kept outputs) GIT_HEAD (label when ROOT is an export)
#   CPUS (unset; e.g. 0-1: the script re-runs itself under `taskset -c $CPUS`, so ZooKeeper, brokers and tools
#   share those cores, and bin/ferry's JIT rule counts them) GC_LOG (0; 1 = each broker logs its GCs to
#   logs/broker-<i>.gc.log, kept with the outputs) RATES ("10000 20000 50000 100000 200000 -1") STEP_S (30):
#   workload l runs acks=all at each offered rate for STEP_S seconds (-1 = unthrottled: saturation, NUM_RECORDS),
#   a fresh producer per rate, summary lines ferry.latency_r<rate>.* (r-1 is saturation)
#   BROKER_EXTRA_PROPS (''; space-separated key=value lines added to every broker's server.properties)
# XCMD also gets BENCH_BASE_DIR (this run's $BASE: logs/, out/) and BENCH_PIDS (ZooKeeper's PID, then broker 0, 1, 2).
set -u -o pipefail
if [ -n "${CPUS:-}" ] && [ "${FERRY_BENCH_PINNED:-}" != "$CPUS" ]; then
  FERRY_BENCH_PINNED=$CPUS exec taskset -c "$CPUS" bash "$0" "$@"
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-/tmp/ferry-bench-work}
BASE=${BENCH_BASE:-/tmp/ferry-bench} # everything written at run time lives here (one run per BASE at a time)
PIDS="$BASE/pids"
MARK="-Dferrybench.run=1"
ZK_PORT=${ZK_PORT:-21181}
BROKER_PORT_BASE=${BROKER_PORT_BASE:-19092}
COMPRESSION=${COMPRESSION:-none}
NB=3
N=${NUM_RECORDS:-2000000}
SIZE=${RECORD_SIZE:-100}
RUN_BUDGET_S=${RUN_BUDGET_S:-600}
START_TIMEOUT_S=${START_TIMEOUT_S:-240}
WORKLOADS=${WORKLOADS:-"a b e c d"}
JFR=${JFR:-0}
REPORT_MS=${REPORT_MS:-5000}
SECURITY=${SECURITY:-plaintext}
case "$SECURITY" in
  plaintext|ssl|sasl_ssl) ;;
  *) echo "SECURITY must be plaintext, ssl or sasl_ssl, was '$SECURITY'" >&2; exit 2 ;;
esac
CLIENT=${CLIENT:-ferry}
case "$CLIENT" in
  ferry) ;;
  kafka) [ "$SECURITY" = plaintext ] || { echo "CLIENT=kafka runs over plaintext only, SECURITY was '$SECURITY'" >&2; exit 2; } ;;
  *) echo "CLIENT must be ferry or kafka, was '$CLIENT'" >&2; exit 2 ;;
esac
KAFKA_PORT_OFFSET=10

# Every Ferry JVM gets bin/ferry's JIT rule (FERRY_JIT: auto = C1 only on <= 2 CPUs; c1; c2; TOOL_JIT
# overrides it for the perf tools alone), the rest is Kafka's flags.
jit_opts() { case "$1" in
  c1) echo "-XX:TieredStopAtLevel=1" ;;
  c2) echo "" ;;
  *) if [ "$(nproc)" -le 2 ]; then echo "-XX:TieredStopAtLevel=1"; else echo ""; fi ;;
esac; }
SERVER_JIT=$(jit_opts "${FERRY_JIT:-auto}")
TOOL_JIT_OPTS=$(jit_opts "${TOOL_JIT:-${FERRY_JIT:-auto}}")
BROKER_JVM="-Xmx1g -Xms1g -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true $SERVER_JIT"
GC_LOG=${GC_LOG:-0}
TOOL_JVM="-Xmx512M -server -XX:+UseG1GC -Djava.awt.headless=true $TOOL_JIT_OPTS"
ZK_JVM="-Xmx512m -Xms512m $SERVER_JIT"
ADMIN_JVM="-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

declare -a SUMMARY=()
emit() { SUMMARY+=("ferry.$1=$2"); }
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $st != Z* ]]; }
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$MARK"; }

stop_pid() { # stop_pid <pid> <seconds>: SIGTERM, wait, then SIGKILL (only our own tagged JVMs)
  local pid=$1 s=$2
  ours "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 $((s * 2))); do alive "$pid" || return 0; sleep 0.5; done
  log "SIGKILL pid $pid"; kill -KILL "$pid" 2>/dev/null; return 0
}

kill_recorded() { # brokers (recorded after ZooKeeper, in parallel) first, ZooKeeper last
  [ -f "$PIDS" ] || return 0
  local zk_pid pid; zk_pid=$(head -1 "$PIDS")
  local -a stoppers=()
  for pid in $(tail -n +2 "$PIDS"); do stop_pid "$pid" 60 & stoppers+=($!); done
  [ ${#stoppers[@]} -gt 0 ] && wait "${stoppers[@]}"
  [ -n "$zk_pid" ] && stop_pid "$zk_pid" 20
  return 0
}

stop_and_clean() {
  log "stopping processes by PID"
  kill_recorded
  if [ -d "$BASE/out" ]; then
    local dst; dst="$WORK/logs/$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$dst"
    cp -r "$BASE/out" "$BASE/logs" "$dst"/ 2>/dev/null
    log "outputs and broker logs kept in $dst"
  fi
  rm -rf "$BASE"
}

on_exit() { local rc=$?; trap - EXIT INT TERM; stop_and_clean; exit $rc; }

if [ -d "$BASE" ]; then log "found leftover $BASE, cleaning it"; kill_recorded; rm -rf "$BASE"; fi

port_busy() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }
for p in "$ZK_PORT" $(seq "$BROKER_PORT_BASE" $((BROKER_PORT_BASE + NB - 1))) \
    $([ "$CLIENT" = kafka ] && seq $((BROKER_PORT_BASE + KAFKA_PORT_OFFSET)) $((BROKER_PORT_BASE + KAFKA_PORT_OFFSET + NB - 1))); do
  if port_busy "$p"; then echo "port $p is busy; set ZK_PORT/BROKER_PORT_BASE" >&2; exit 2; fi
done

# ---------------------------------------------------------------- jars (snapshot: other builds may run meanwhile)
jar_of() { ls "$ROOT"/broker-node/target/ferry-broker-node-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1; }
if [ "${BUILD:-0}" = 1 ] || [ -z "$(jar_of)" ] || [ ! -d "$ROOT/broker-node/target/lib" ]; then
  log "building (mvn -o package -DskipTests -pl broker-node -am)"
  (cd "$ROOT" && timeout 600 mvn -B -q -o package -DskipTests -pl broker-node -am) >&2 || { echo "build failed" >&2; exit 1; }
fi
mkdir -p "$BASE/lib" "$BASE/out" "$BASE/logs" "$WORK"
cp "$(jar_of)" "$ROOT"/broker-node/target/lib/*.jar "$BASE/lib/"
if [ "$CLIENT" = kafka ]; then # Kafka's own perf tools, the same jars and JVM flags as the anchor's
  ANCHOR_DIR=${ANCHOR_DIR:-$ROOT/../shared/anchors/kafka-zk}
  log "resolving Kafka's tools from $ANCHOR_DIR/pom.xml"
  timeout 300 mvn -q -f "$ANCHOR_DIR/pom.xml" dependency:build-classpath -Dmdep.outputFile="$BASE/kafka-cp.txt" \
      >"$BASE/out/kafka-mvn.log" 2>&1 || { cat "$BASE/out/kafka-mvn.log" >&2; echo "could not resolve Kafka's tools" >&2; exit 1; }
  KAFKA_TOOL_JVM="-Xmx512M -server -XX:+UseG1GC -Djava.awt.headless=true ${KAFKA_EXTRA_JVM:-}"
fi
: > "$PIDS"
trap on_exit EXIT
trap 'exit 130' INT TERM

# JFR=1: clients record their whole run; brokers record each workload (jcmd JFR.start/stop around it).
# Settings: the JDK's profile.jfc with Java method sampling every 2 ms instead of 10 ms, and every JIT
# compilation recorded (not only those over 100 ms).
JFC="$BASE/profile-2ms.jfc"
if [ "$JFR" = 1 ]; then
  jh=$(java -XshowSettings:properties -version 2>&1 | awk '/java.home =/{print $3}')
  sed -E -e 's#(control="method-sampling-java-interval">)[^<]*#\12 ms#' -e 's#(control="compiler-compilation-threshold">)[^<]*#\10 ms#' "$jh/lib/jfr/profile.jfc" > "$JFC" || exit 1
fi
jfr_opt() { [ "$JFR" = 1 ] && echo "-XX:StartFlightRecording=filename=$BASE/out/$1.jfr,settings=$JFC,dumponexit=true"; }
jfr_brokers() { # jfr_brokers start|stop <workload>
  [ "$JFR" = 1 ] || return 0
  local i pid
  for i in $(seq 0 $((NB - 1))); do
    pid=$(broker_pid "$i"); alive "$pid" || continue
    if [ "$1" = start ]; then
      timeout 30 jcmd "$pid" JFR.start name="$2" settings="$JFC" filename="$BASE/out/$2.broker$i.jfr" >/dev/null 2>&1
    else
      timeout 60 jcmd "$pid" JFR.stop name="$2" >/dev/null 2>&1
    fi
  done
}

fcmd() { # fcmd <jvm opts> <log name> <logback file> subcommand args...: sets CMD to a ferry JVM command line
  local jvm=$1 name=$2 lb=$3; shift 3
  # shellcheck disable=SC2206
  CMD=(java $jvm $MARK -Dferry.home="$ROOT" -Dferry.log.dir="$BASE/logs" -Dferry.log.name="$name"
       -Dlogback.configurationFile="$ROOT/conf/$lb" -cp "$BASE/lib/*" io.ferrymq.broker.FerryMain "$@")
}
admin() { local t=$1; shift; fcmd "$ADMIN_JVM" admin logback-tools.xml "$@" ${CC[@]+"${CC[@]}"}; timeout "$t" "${CMD[@]}"; }

# SECURITY=ssl|sasl_ssl: certificates (keytool, bounded), SCRAM passwords and the clients' --command-config file
CC=(); LISTENER=PLAINTEXT; BROKER_TLS=""
if [ "$SECURITY" != plaintext ]; then
  log "generating a CA and a certificate per broker under $BASE/certs"
  SSL_PASS=$(timeout 300 java -cp "$BASE/lib/*" "$ROOT/bench/GenerateCerts.java" "$BASE/certs" "$NB") || { echo "certificate generation failed" >&2; exit 1; }
  TRUST="ssl.truststore.type=PKCS12
ssl.truststore.location=$BASE/certs/truststore.p12
ssl.truststore.password=$SSL_PASS"
  printf 'security.protocol=SSL\n%s\n' "$TRUST" > "$BASE/client.properties"
  CC=(--command-config "$BASE/client.properties"); LISTENER=SSL
  BROKER_TLS="security.inter.broker.protocol=SSL
ssl.keystore.type=PKCS12
ssl.keystore.password=$SSL_PASS
ssl.key.password=$SSL_PASS
$TRUST"
fi
if [ "$SECURITY" = sasl_ssl ]; then
  secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
  (umask 077; secret > "$BASE/bench-broker.password"; secret > "$BASE/bench-client.password")
  printf 'security.protocol=SASL_SSL\n%s\nsasl.mechanism=SCRAM-SHA-512\nsasl.username=bench-client\nsasl.password=%s\n' \
    "$TRUST" "$(cat "$BASE/bench-client.password")" > "$BASE/client.properties"
  LISTENER=SASL_SSL
  BROKER_TLS="${BROKER_TLS/security.inter.broker.protocol=SSL/security.inter.broker.protocol=SASL_SSL}
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bench-broker\" password=\"$(cat "$BASE/bench-broker.password")\";"
fi
export CLIENT_CONFIG="$BASE/client.properties"

T0=$(date +%s)
DEADLINE=$((T0 + START_TIMEOUT_S + RUN_BUDGET_S))
left() { local l=$((DEADLINE - $(date +%s))); [ $l -lt 5 ] && l=5; echo $l; }
bound() { local cap=$1 l; l=$(left); [ "$l" -lt "$cap" ] && echo "$l" || echo "$cap"; }

# ---------------------------------------------------------------- ZooKeeper + brokers
log "starting ZooKeeper on 127.0.0.1:$ZK_PORT"
fcmd "$ZK_JVM" zookeeper logback.xml zookeeper --port "$ZK_PORT" --data-dir "$BASE/zk"
"${CMD[@]}" >"$BASE/logs/zookeeper.stdout" 2>&1 &
echo $! >> "$PIDS"
zk_ok() { [ "$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$ZK_PORT; printf ruok >&3; cat <&3" 2>/dev/null)" = "imok" ] || port_busy "$ZK_PORT"; }
ok=0; for _ in $(seq 1 120); do zk_ok && { ok=1; break; }; sleep 0.5; done
[ $ok -eq 1 ] || { echo "ZooKeeper did not come up" >&2; tail -30 "$BASE/logs/zookeeper.stdout" >&2; exit 1; }
if [ "$SECURITY" = sasl_ssl ]; then # the users exist before any broker needs to authenticate
  for u in bench-broker bench-client; do
    log "creating SCRAM user $u in ZooKeeper"
    fcmd "$ADMIN_JVM" admin logback-tools.xml users add --zookeeper "127.0.0.1:$ZK_PORT" --user "$u" \
      --mechanism SCRAM-SHA-512 --password-file "$BASE/$u.password"
    timeout 120 "${CMD[@]}" >&2 || { echo "creating SCRAM user $u failed" >&2; exit 1; }
  done
fi

BOOTSTRAP=""
KBOOTSTRAP=""
for i in $(seq 0 $((NB - 1))); do
  port=$((BROKER_PORT_BASE + i))
  BOOTSTRAP="${BOOTSTRAP:+$BOOTSTRAP,}127.0.0.1:$port"
  KAFKA_LISTENER=""
  if [ "$CLIENT" = kafka ]; then
    KBOOTSTRAP="${KBOOTSTRAP:+$KBOOTSTRAP,}127.0.0.1:$((port + KAFKA_PORT_OFFSET))"
    KAFKA_LISTENER=",KAFKA://127.0.0.1:$((port + KAFKA_PORT_OFFSET))"
  fi
  mkdir -p "$BASE/broker-$i/data"
  cat > "$BASE/broker-$i/server.properties" <<CFG
broker.id=$i
listeners=$LISTENER://127.0.0.1:$port$KAFKA_LISTENER
inter.broker.listener.name=$LISTENER
${BROKER_TLS:+$BROKER_TLS
ssl.keystore.location=$BASE/certs/broker-$i.p12}
log.dirs=$BASE/broker-$i/data
zookeeper.connect=127.0.0.1:$ZK_PORT
zookeeper.connection.timeout.ms=18000
admin.http.port=-1
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
CFG
  for kv in ${BROKER_EXTRA_PROPS:-}; do echo "$kv" >> "$BASE/broker-$i/server.properties"; done
  log "starting broker $i on 127.0.0.1:$port"
  gclog=""; [ "$GC_LOG" = 1 ] && gclog="-Xlog:gc:file=$BASE/logs/broker-$i.gc.log:uptime"
  fcmd "$BROKER_JVM $gclog" "broker-$i" logback.xml broker --config "$BASE/broker-$i/server.properties"
  "${CMD[@]}" >"$BASE/logs/broker-$i.stdout" 2>&1 &
  echo $! >> "$PIDS"
done
broker_pid() { sed -n "$(($1 + 2))p" "$PIDS"; }

log "waiting for 3 brokers (<= ${START_TIMEOUT_S}s)"
ok=0
for _ in $(seq 1 $((START_TIMEOUT_S))); do
  up=0
  for i in $(seq 0 $((NB - 1))); do
    alive "$(broker_pid "$i")" || { echo "broker $i died" >&2; tail -40 "$BASE/logs/broker-$i.stdout" >&2; exit 1; }
    grep -q "Broker $i started" "$BASE/logs/broker-$i.log" 2>/dev/null && up=$((up + 1))
  done
  [ $up -eq $NB ] && { ok=1; break; }
  sleep 1
done
[ $ok -eq 1 ] || { echo "brokers did not all start" >&2; exit 1; }
emit "run.cluster_start_s" "$(($(date +%s) - T0))"

healthy() { # healthy <expected brokers>: cluster health exit 0 within bounded retries
  for _ in $(seq 1 30); do admin 60 cluster health --bootstrap-server "$BOOTSTRAP" --expected-brokers "$1" \
      >"$BASE/out/health.txt" 2>&1 && return 0; sleep 2; done
  cat "$BASE/out/health.txt" >&2; return 1
}

create_topic() { # create_topic <name> args...
  local name=$1; shift
  for _ in $(seq 1 10); do
    admin 90 topics create --bootstrap-server "$BOOTSTRAP" --topic "$name" "$@" >"$BASE/out/create-$name.txt" 2>&1 && return 0
    grep -qi "already exists" "$BASE/out/create-$name.txt" && return 0
    sleep 2
  done
  cat "$BASE/out/create-$name.txt" >&2; return 1
}

log "creating topic bench (6 partitions, RF=3, min.insync.replicas=2)"
create_topic bench --partitions 6 --replication-factor 3 --config min.insync.replicas=2 || exit 1
healthy 3 || { echo "cluster not healthy after creating bench" >&2; exit 1; }
admin 60 topics describe --bootstrap-server "$BOOTSTRAP" --topic bench | tee "$BASE/out/describe-bench.txt" >&2
T1=$(date +%s)
DEADLINE=$((T1 + RUN_BUDGET_S))

# ---------------------------------------------------------------- measurement helpers
cpu_snap() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5, $6}' /proc/stat; }
cpu_emit() {
  local w=$1 b=$2 a t0 i0 w0 t1 i1 w1; a=$(cpu_snap)
  read -r t0 i0 w0 <<<"$b"; read -r t1 i1 w1 <<<"$a"
  emit "$w.machine_cpu_busy_pct" "$(awk -v t=$((t1 - t0)) -v i=$((i1 - i0)) -v o=$((w1 - w0)) 'BEGIN{printf "%.0f", (t > 0 ? 100*(t-i-o)/t : 0)}')"
  emit "$w.machine_cpu_iowait_pct" "$(awk -v t=$((t1 - t0)) -v o=$((w1 - w0)) 'BEGIN{printf "%.0f", (t > 0 ? 100*o/t : 0)}')"
  emit "$w.loadavg_1m_end" "$(cut -d' ' -f1 /proc/loadavg)"
}
# CPU seconds used by our processes (ZooKeeper + brokers from /proc/<pid>/stat; the client from the
# shell's waited-for children, `times`) and per broker thread (/proc/<pid>/task/*/stat, names with
# trailing digits folded) - independent of what else runs on the machine.
HZ=$(getconf CLK_TCK)
proc_ticks() { local pid t=0 v; for pid in $(cat "$PIDS"); do
  v=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) && t=$((t + v)); done; echo $t; }
child_s() { # sets CHILD_S (must run in this shell: a subshell has its own, empty, children times)
  times > "$BASE/out/.times"
  CHILD_S=$(tail -1 "$BASE/out/.times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } printf "%.2f", n }')
}
thread_snap() { local i pid; for i in $(seq 0 $((NB - 1))); do pid=$(broker_pid "$i")
  for f in /proc/"$pid"/task/*/stat; do
    awk -v b="$i" '{ s = $0; sub(/^[^(]*\(/, "", s); name = substr(s, 1, index(s, ")") - 1); sub(/.*\) /, "", s); split(s, f, " ");
      gsub(/[-#0-9]+$/, "", name); gsub(/ /, "_", name); print "broker" b "/" name, f[12] + f[13] }' "$f" 2>/dev/null; done; done; }
cpu_begin() { PT0=$(proc_ticks); child_s; CS0=$CHILD_S; thread_snap > "$BASE/out/threads.before"; }
cpu_end() { # cpu_end <workload> <records>
  local w=$1 n=$2 pt cs; child_s
  pt=$(awk -v a="$PT0" -v b="$(proc_ticks)" -v hz="$HZ" 'BEGIN{printf "%.2f", (b - a) / hz}')
  cs=$(awk -v a="$CS0" -v b="$CHILD_S" 'BEGIN{printf "%.2f", b - a}')
  emit "$w.cpu_s_brokers_zk" "$pt"; emit "$w.cpu_s_client" "$cs"
  [ "${n:-0}" -gt 0 ] 2>/dev/null && emit "$w.cpu_ms_per_1k_records" "$(awk -v a="$pt" -v b="$cs" -v n="$n" 'BEGIN{printf "%.2f", (a + b) * 1e6 / n}')"
  thread_snap > "$BASE/out/threads.after"
  awk -v hz="$HZ" 'NR == FNR { b[$1] += $2; next } { a[$1] += $2 } END { for (k in a) if (a[k] - b[k] > 0) printf "%.2f %s\n", (a[k] - b[k]) / hz, k }' \
    "$BASE/out/threads.before" "$BASE/out/threads.after" | sort -rn | head -20 > "$BASE/out/$w.threads.txt"
  echo "broker threads by CPU seconds during $w:" >&2; sed 's/^/  /' "$BASE/out/$w.threads.txt" >&2
}
heap_emit() { # broker heap use after a workload (jcmd GC.heap_info, used KB of the whole heap)
  local w=$1 i pid used
  for i in $(seq 0 $((NB - 1))); do
    pid=$(broker_pid "$i"); alive "$pid" || continue
    used=$(timeout 20 jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/{for(k=1;k<=NF;k++) if($k=="used"){gsub(/K,?/,"",$(k+1)); print $(k+1)}}')
    [ -n "$used" ] && emit "$w.broker$i.heap_used_mb" "$((used / 1024))"
  done
}

kafka_bootstrap() { # the KAFKA listeners of the brokers in a bootstrap list of Ferry listeners
  local out="" hp
  for hp in ${1//,/ }; do out="${out:+$out,}${hp%:*}:$((${hp##*:} + KAFKA_PORT_OFFSET))"; done
  echo "$out"
}

produce() { # produce <workload> <topic> <bootstrap> <acks> [throughput] [records]
  local w=$1 topic=$2 bs=$3 acks=$4 rate=${5:--1} n=${6:-$N} t s e c rc line; t=$(bound 240)
  log "workload $w: $n x $SIZE B -> $topic, acks=$acks, throughput=$rate, linger.ms=5 (timeout ${t}s)"
  jfr_brokers start "$w"
  cpu_begin; s=$(date +%s.%N); c=$(cpu_snap)
  if [ "$CLIENT" = kafka ]; then
    CMD=(java $KAFKA_TOOL_JVM $(jfr_opt "$w") "$MARK" -cp "$(cat "$BASE/kafka-cp.txt")" org.apache.kafka.tools.ProducerPerformance
      --topic "$topic" --num-records "$n" --record-size "$SIZE" --throughput "$rate"
      --producer-props bootstrap.servers="$(kafka_bootstrap "$bs")" acks="$acks" linger.ms=5 compression.type="$COMPRESSION" ${PRODUCER_PROPS:-})
  else
    fcmd "$TOOL_JVM $(jfr_opt "$w")" "$w" logback-tools.xml perf-produce --topic "$topic" \
      --num-records "$n" --record-size "$SIZE" --throughput "$rate" --reporting-interval-ms "$REPORT_MS" \
      --producer-props bootstrap.servers="$bs" acks="$acks" linger.ms=5 compression.type="$COMPRESSION" ${PRODUCER_PROPS:-} \
      ${CC[@]+"${CC[@]}"}
  fi
  timeout "$t" "${CMD[@]}" >"$BASE/out/$w.txt" 2>&1
  rc=$?; e=$(date +%s.%N)
  emit "$w.exit_code" "$rc"; cpu_emit "$w" "$c"; cpu_end "$w" "$n"; jfr_brokers stop "$w"; heap_emit "$w"
  emit "$w.wall_s" "$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.1f", e-s}')"
  line=$(grep 'records sent,' "$BASE/out/$w.txt" | grep 'th\.' | tail -1)
  if [ -z "$line" ]; then emit "$w.status" "FAILED"; tail -20 "$BASE/out/$w.txt" >&2; return 0; fi
  echo "$line" >&2
  local rec rps mbs avg max p50 p95 p99 p999
  read -r rec rps mbs avg max p50 p95 p99 p999 < <(echo "$line" | sed -E \
    's/^([0-9]+) records sent, ([0-9.]+) records\/sec \(([0-9.]+) MB\/sec\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency, ([0-9]+) ms 50th, ([0-9]+) ms 95th, ([0-9]+) ms 99th, ([0-9]+) ms 99.9th.*/\1 \2 \3 \4 \5 \6 \7 \8 \9/')
  emit "$w.status" "$([ "$rc" = 0 ] && echo OK || echo "FAILED(rc=$rc)")"
  emit "$w.records" "$rec"; emit "$w.records_per_s" "$rps"; emit "$w.mb_per_s" "$mbs"
  emit "$w.latency_avg_ms" "$avg"; emit "$w.latency_p50_ms" "$p50"; emit "$w.latency_p95_ms" "$p95"
  emit "$w.latency_p99_ms" "$p99"; emit "$w.latency_p999_ms" "$p999"; emit "$w.latency_max_ms" "$max"
}

consume() { # c) one consumer reads back everything produced to bench
  local W=consume total=$1 t s e c rc hdr row; t=$(bound 240)
  log "workload $W: 1 consumer (group) reads $total records from bench (timeout ${t}s)"
  jfr_brokers start "$W"
  cpu_begin; s=$(date +%s.%N); c=$(cpu_snap)
  if [ "$CLIENT" = kafka ]; then
    CMD=(java $KAFKA_TOOL_JVM $(jfr_opt "$W") "$MARK" -cp "$(cat "$BASE/kafka-cp.txt")" org.apache.kafka.tools.ConsumerPerformance
      --bootstrap-server "$KBOOTSTRAP" --topic bench --messages "$total" --timeout 30000 --group "bench-consumer-$$")
  else
    fcmd "$TOOL_JVM $(jfr_opt "$W")" "$W" logback-tools.xml perf-consume --bootstrap-server "$BOOTSTRAP" \
      --topic bench --messages "$total" --timeout-ms 30000 --group "bench-consumer-$$" ${CC[@]+"${CC[@]}"}
  fi
  timeout "$t" "${CMD[@]}" >"$BASE/out/$W.txt" 2>&1
  rc=$?; e=$(date +%s.%N)
  emit "$W.exit_code" "$rc"; cpu_emit "$W" "$c"; cpu_end "$W" "$total"; jfr_brokers stop "$W"
  emit "$W.wall_s" "$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.1f", e-s}')"
  hdr=$(grep '^start.time' "$BASE/out/$W.txt" | tail -1)
  row=$(grep -E '^[0-9]{4}-' "$BASE/out/$W.txt" | tail -1)
  cat "$BASE/out/$W.txt" >&2
  if [ -z "$hdr" ] || [ -z "$row" ]; then emit "$W.status" "FAILED"; return 0; fi
  val() { awk -F', *' -v h="$hdr" -v k="$1" 'BEGIN{n=split(h,H,/, */)} {for(i=1;i<=n;i++) if(H[i]==k) print $i}' <<<"$row"; }
  emit "$W.status" "$([ "$rc" = 0 ] && echo OK || echo "FAILED(rc=$rc)")"
  emit "$W.records" "$(val data.consumed.in.nMsg)"; emit "$W.mb" "$(val data.consumed.in.MB)"
  emit "$W.records_per_s" "$(val nMsg.sec)"; emit "$W.mb_per_s" "$(val MB.sec)"
  emit "$W.rebalance_ms" "$(val rebalance.time.ms)"
  emit "$W.fetch_records_per_s" "$(val fetch.nMsg.sec)"; emit "$W.fetch_mb_per_s" "$(val fetch.MB.sec)"
}

single_broker() { # d) bench1 (RF 1, 6 partitions, all on broker 0 by --replica-assignment), acks=1
  log "workload d: creating bench1 with --replica-assignment 0,0,0,0,0,0 (brokers 1 and 2 stay up, idle)"
  local bs0="127.0.0.1:$BROKER_PORT_BASE" ok=0
  if create_topic bench1 --replica-assignment 0,0,0,0,0,0; then
    for _ in $(seq 1 20); do
      admin "$(bound 60)" topics describe --bootstrap-server "$bs0" --topic bench1 >"$BASE/out/describe-bench1.txt" 2>&1
      if [ "$(grep -c 'Leader: 0' "$BASE/out/describe-bench1.txt")" -eq 6 ]; then ok=1; break; fi
      sleep 1
    done
    cat "$BASE/out/describe-bench1.txt" >&2
  fi
  [ $ok -eq 1 ] || { emit "produce_single_broker_rf1_acks_1.status" "FAILED(topic)"; return 0; }
  produce produce_single_broker_rf1_acks_1 bench1 "$bs0" 1
}

# ---------------------------------------------------------------- workloads
for wl in $WORKLOADS; do
  case $wl in
    a) produce produce_acks_all bench "$BOOTSTRAP" all ;;
    b) produce produce_acks_1 bench "$BOOTSTRAP" 1 ;;
    e) produce produce_acks_all_20k bench "$BOOTSTRAP" all 20000 $((N * 3 / 10)) ;;
    c) consume $((2 * N + N * 3 / 10)) ;;
    x) log "x: $XCMD"; (cd "$ROOT" && BOOTSTRAP="$BOOTSTRAP" LIB="$BASE/lib" BENCH_BASE_DIR="$BASE" BENCH_PIDS="$PIDS" \
         timeout "$(bound "${XCMD_TIMEOUT_S:-600}")" bash -c "$XCMD") >&2 ;;
    l) for r in ${RATES:-10000 20000 50000 100000 200000 -1}; do
         if [ "$r" -gt 0 ]; then produce "latency_r$r" bench "$BOOTSTRAP" all "$r" $((r * ${STEP_S:-30})); else produce latency_r-1 bench "$BOOTSTRAP" all; fi
       done ;;
    d) single_broker ;;
    *) echo "unknown workload '$wl' (a b e c d l x)" >&2; exit 2 ;;
  esac
done

emit "run.workload_phase_s" "$(($(date +%s) - T1))"
emit "env.brokers" "$NB"
emit "env.record_size_bytes" "$SIZE"
emit "env.records_per_producer_run" "$N"
emit "env.nproc" "$(nproc)"
emit "env.server_jit" "${SERVER_JIT:-tiered (C1+C2)}"
emit "env.client" "$CLIENT"
if [ "$CLIENT" = kafka ]; then emit "env.tool_jvm" "$KAFKA_TOOL_JVM"; else emit "env.tool_jit" "${TOOL_JIT_OPTS:-tiered (C1+C2)}"; fi
emit "env.java" "$(java -version 2>&1 | head -1 | sed -E 's/.*"(.*)".*/\1/')"
emit "env.git_head" "${GIT_HEAD:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)}"

trap - EXIT INT TERM
stop_and_clean
echo "=== ferry bench summary ($(date -u +%Y-%m-%dT%H:%M:%SZ)) ==="
for l in "${SUMMARY[@]}"; do echo "$l"; done
echo "ferry.run.total_s=$(($(date +%s) - T0))"
[ -d "$BASE" ] && echo "ferry.run.cleanup=INCOMPLETE" || echo "ferry.run.cleanup=OK"
