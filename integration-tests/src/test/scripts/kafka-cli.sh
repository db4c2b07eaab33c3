#!/usr/bin/env bash
# Kafka's own command-line tools (the classes behind kafka-topics.sh, kafka-leader-election.sh,
# kafka-console-producer.sh, kafka-console-consumer.sh and kafka-consumer-groups.sh, from Kafka's
# kafka_2.13 and kafka-tools jars) against a Kafka listener (issue 19; run by KafkaCliIT, usable by hand). Each step's output
# follows a line "== <step>"; a failing tool ends the script with its exit code, a hanging one is
# stopped after 60 s.
#   kafka-cli.sh <file holding the tools' class path> <bootstrap servers> [topic] [group] [records]
set -euo pipefail
CLASSPATH_FILE=$1
BOOTSTRAP=$2
TOPIC=${3:-cli-topic}
GROUP=${4:-cli-group}
RECORDS=${5:-20}
CP=$(cat "$CLASSPATH_FILE")

# the tools log through log4j 1.x (reload4j): warnings and errors to stderr, stdout keeps the tools' answers
cat > tools-log4j.properties <<'LOG4J'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
LOG4J

step() { # a tool's last line may lack its newline: the mark starts a line of its own
  printf '\n== %s\n' "$1"
}

tool() {
  timeout -k 5 60 java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j.configuration="file:$PWD/tools-log4j.properties" \
    -cp "$CP" "$@"
}

step topics-create
tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --topic "$TOPIC" \
  --partitions 3 --replication-factor 3
step topics-describe
tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --describe --topic "$TOPIC"
step topics-list
tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list
step leader-election
tool org.apache.kafka.tools.LeaderElectionCommand --bootstrap-server "$BOOTSTRAP" --election-type preferred \
  --topic "$TOPIC" --partition 0
step console-producer
for i in $(seq 1 "$RECORDS"); do echo "key-$((i % 3)):value-$i"; done |
  tool kafka.tools.ConsoleProducer --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" \
    --property parse.key=true --property key.separator=: >/dev/null
step console-consumer
tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" \
  --group "$GROUP" --from-beginning --max-messages "$RECORDS" --timeout-ms 30000 \
  --property print.key=true --property key.separator=:
step groups-describe
tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$BOOTSTRAP" --describe --group "$GROUP"
step done
