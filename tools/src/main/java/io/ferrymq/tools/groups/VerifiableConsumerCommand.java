package io.ferrymq.tools.groups;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.ConsumerRecords;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import io.ferrymq.tools.CommandConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry verifiable-consumer --bootstrap-server B --group G --topic T}: a group member that
 * prints one JSON line per event, like Kafka's VerifiableConsumer ({@link VerifiableEvents}): what it
 * was assigned and revoked, the offset range it consumed per partition in each poll, and, unless
 * auto-commit is on, the offsets it committed (synchronously, after each poll) with success or
 * error. Stops after {@code --max-messages} or on SIGTERM, leaving the group.
 */
@Command(name = "verifiable-consumer", mixinStandardHelpOptions = true,
        description = "Consume as a group member, printing JSON lines of assignments, consumed ranges and commits.")
public final class VerifiableConsumerCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT[,HOST:PORT]") String bootstrapServer;
    @Mixin CommandConfig commandConfig = new CommandConfig();
    @Option(names = {"--group", "--group-id"}, required = true, paramLabel = "GROUP") String group;
    @Option(names = "--topic", required = true, paramLabel = "TOPIC") String topic;
    @Option(names = "--max-messages", defaultValue = "-1", description = "Stop after this many records (-1: never).") long maxMessages;
    @Option(names = "--reset-policy", defaultValue = "earliest", description = "auto.offset.reset (default: ${DEFAULT-VALUE}).") String resetPolicy;
    @Option(names = "--enable-autocommit", description = "Commit with enable.auto.commit instead of after each poll.") boolean autoCommit;
    @Option(names = "--session-timeout-ms", defaultValue = "10000") int sessionTimeoutMs;
    @Option(names = "--assignment-strategy", defaultValue = "range", description = "range or roundrobin.") String strategy;
    @Option(names = {"--consumer-property", "--command-property"}, paramLabel = "K=V", description = "Any other consumer setting.")
    Map<String, String> extra = new HashMap<>();

    private volatile boolean stopping;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping = true;
            awaitQuietly(done);
        }, "ferry-verifiable-consumer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Consumer<String, String> consumer = new FerryConsumer<>(props(), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic), new Printer(out, clock));
            emit(out, VerifiableEvents.simple("startup_complete", clock.millis()));
            consumeUntilDone(consumer, out, clock);
        } finally {
            emit(out, VerifiableEvents.simple("shutdown_complete", clock.millis()));
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                stopping = true;
            }
        }
        return 0;
    }

    private void consumeUntilDone(Consumer<String, String> consumer, PrintWriter out, Clock clock) {
        long consumed = 0;
        while (!stopping && (maxMessages < 0 || consumed < maxMessages)) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                continue;
            }
            Map<TopicPartition, VerifiableEvents.Range> ranges = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                if (maxMessages >= 0 && consumed >= maxMessages) {
                    break;
                }
                consumed++;
                ranges.merge(record.topicPartition(), new VerifiableEvents.Range(1, record.offset(), record.offset()),
                        (a, b) -> new VerifiableEvents.Range(a.count() + 1, Math.min(a.minOffset(), b.minOffset()),
                                Math.max(a.maxOffset(), b.maxOffset())));
                next.put(record.topicPartition(), new OffsetAndMetadata(record.offset() + 1));
            }
            emit(out, VerifiableEvents.recordsConsumed(clock.millis(), ranges));
            if (!autoCommit) {
                commit(consumer, next, out, clock);
            }
        }
    }

    private static void commit(Consumer<String, String> consumer, Map<TopicPartition, OffsetAndMetadata> offsets,
                               PrintWriter out, Clock clock) {
        Map<TopicPartition, Long> plain = new HashMap<>();
        offsets.forEach((tp, o) -> plain.put(tp, o.offset()));
        try {
            consumer.commitSync(offsets);
            emit(out, VerifiableEvents.offsetsCommitted(clock.millis(), plain, Optional.empty()));
        } catch (RuntimeException e) {
            emit(out, VerifiableEvents.offsetsCommitted(clock.millis(), plain, Optional.of(String.valueOf(e.getMessage()))));
        }
    }

    private Map<String, Object> props() {
        Map<String, Object> props = new HashMap<>(commandConfig.properties());
        props.putAll(extra);
        props.put("bootstrap.servers", bootstrapServer);
        props.put("group.id", group);
        props.put("auto.offset.reset", resetPolicy);
        props.put("enable.auto.commit", String.valueOf(autoCommit));
        props.put("session.timeout.ms", String.valueOf(sessionTimeoutMs));
        props.putIfAbsent("heartbeat.interval.ms", String.valueOf(Math.max(100, sessionTimeoutMs / 3 - 1)));
        props.put("partition.assignment.strategy", strategy);
        props.putIfAbsent("client.id", "verifiable-consumer-" + ProcessHandle.current().pid());
        return props;
    }

    private static void emit(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints assignment changes as they happen (on the poll thread). */
    private record Printer(PrintWriter out, Clock clock) implements RebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            emit(out, VerifiableEvents.partitions("partitions_revoked", clock.millis(), partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            emit(out, VerifiableEvents.partitions("partitions_assigned", clock.millis(), partitions));
        }
    }
}
