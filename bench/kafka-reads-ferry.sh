#!/usr/bin/env bash
# Kafka reads Ferry's files: writes one partition log per codec (none, gzip, snappy, lz4, zstd) with
# Ferry's storage layer (bench/WriteCodecSegments.java), then runs Kafka 3.9.1's own
# kafka.tools.DumpLogSegments --deep-iteration --print-data-log over each segment and its index,
# and checks that Kafka decodes every record (count, codec) and reports no corrupt bytes or index
# mismatch. Kafka's jars come from Maven Central through the anchor's pom (nothing of Kafka is in
# this repository); Ferry's from broker-node/target/lib (run `mvn -DskipTests package` first).
#
# Env: ANCHOR_DIR (../shared/anchors/kafka-zk), WORK (/tmp/ferry-kafka-reads). Exit 0 when Kafka
# read every codec, 1 otherwise.
set -u -o pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ANCHOR_DIR=${ANCHOR_DIR:-$ROOT/../shared/anchors/kafka-zk}
WORK=${WORK:-/tmp/ferry-kafka-reads}
LIB="$ROOT/broker-node/target/lib"
[ -d "$LIB" ] || { echo "no $LIB: run mvn -DskipTests package first" >&2; exit 2; }
rm -rf "$WORK" && mkdir -p "$WORK/logs"
timeout 300 mvn -q -f "$ANCHOR_DIR/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/kafka-cp.txt" \
    >"$WORK/mvn.log" 2>&1 || { cat "$WORK/mvn.log" >&2; echo "could not resolve Kafka's classpath" >&2; exit 2; }
java -Dlogback.configurationFile="$ROOT/conf/logback-tools.xml" -cp "$LIB/*:$ROOT/broker-node/target/ferry-broker-node-0.1.0-SNAPSHOT.jar" "$ROOT/bench/WriteCodecSegments.java" \
    "$WORK/logs" >"$WORK/written.txt" || { echo "writing Ferry's segments failed" >&2; exit 1; }
failed=0
while read -r dir records; do
  codec=${dir##*/codec-}; codec=${codec%-0}
  out="$WORK/dump-$codec.txt"
  java -cp "$(cat "$WORK/kafka-cp.txt")" kafka.tools.DumpLogSegments --deep-iteration --print-data-log \
      --files "$dir/00000000000000000000.log,$dir/00000000000000000000.index" >"$out" 2>&1
  read_records=$(grep -c '| offset: ' "$out")
  codecs=$(grep -o 'compresscodec: [A-Za-z0-9]*' "$out" | sort -u | tr '\n' ' ')
  problems=$(grep -ciE 'invalid bytes|corrupt|exception|mismatch' "$out")
  if [ "$read_records" = "$records" ] && [ "$problems" = 0 ]; then verdict=ok; else verdict=FAILED; failed=1; fi
  echo "kafka-reads-ferry.$codec: wrote=$records kafka_read=$read_records codecs=[${codecs% }] problems=$problems $verdict"
done <"$WORK/written.txt"
exit $failed
