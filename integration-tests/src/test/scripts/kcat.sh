#!/usr/bin/env bash
# kcat (librdkafka) against a Kafka listener (issue 19; run by KcatIT, usable by hand): metadata,
# keyed produce, consume to the end, and consume in a group (-G, librdkafka's balanced consumer,
# committing on close). The topic must exist. Each step's output follows a line "== <step>";
# a failing kcat ends the script with its exit code, a hanging one is stopped after 60 s.
#   kcat.sh <bootstrap servers> <topic> <group> <records>
set -euo pipefail
BOOTSTRAP=$1
TOPIC=$2
GROUP=$3
RECORDS=$4

step() {
  printf '\n== %s\n' "$1"
}

kc() {
  timeout -k 5 60 kcat -q -b "$BOOTSTRAP" "$@"
}

step version
kcat -V | grep -m1 Version
step metadata
kc -L -t "$TOPIC"
step produce
for i in $(seq 1 "$RECORDS"); do echo "key-$((i % 3)):value-$i"; done | kc -P -t "$TOPIC" -K:
step consume
kc -C -t "$TOPIC" -o beginning -e -f '%k:%s\n'
step group-consume
kc -G "$GROUP" -X auto.offset.reset=earliest -c "$RECORDS" -f '%k:%s\n' "$TOPIC"
step done
