package io.ferrymq.tools.perf;

import io.ferrymq.tools.ClientFactory;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.ByteArrayDeserializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.ConsumerRecords;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import io.ferrymq.tools.CommandConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry perf-consume}: Kafka's {@code ConsumerPerformance} for Ferry. One consumer reads
 * {@code --messages} records of a topic from the beginning, through the consumer group
 * {@code --group} (subscribe: the join is timed as the rebalance time) or, without a group, by
 * assigning every partition. Stops at the count or after {@code --timeout-ms} without a record,
 * then prints {@link ConsumeSummary#HEADER} and the figures; exits 1 when fewer records arrived.
 */
@Command(name = "perf-consume", mixinStandardHelpOptions = true,
        description = "Consumer performance test (Kafka's ConsumerPerformance output).")
public final class PerfConsumeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Brokers to connect to first.")
    private String bootstrapServer;

    @Option(names = "--topic", required = true, description = "Topic to read.")
    private String topic;

    @Option(names = "--messages", required = true, description = "Records to read.")
    private long messages;

    @Option(names = "--group", description = "Consumer group to join (default: none, partitions are assigned).")
    private String group;

    @Option(names = {"--timeout-ms", "--timeout"}, defaultValue = "10000",
            description = "Give up after this long without a record (default: ${DEFAULT-VALUE}).")
    private long timeoutMs;

    @Option(names = {"--consumer-props", "--consumer-property"}, arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Consumer settings (Kafka names).")
    private Map<String, String> consumerProps = new LinkedHashMap<>();

    @Mixin
    private CommandConfig commandConfig = new CommandConfig();

    private final ClientFactory clients;
    private final Clock clock;
    private long rebalanceEndMs = -1;

    public PerfConsumeCommand() {
        this(ClientFactory.network(), Clock.systemUTC());
    }

    public PerfConsumeCommand(ClientFactory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (messages < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--messages must be at least 1, was " + messages);
        }
        PrintWriter out = spec.commandLine().getOut();
        ConsumeSummary summary;
        try (Consumer<byte[], byte[]> consumer = clients.consumer(props(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long startMs = clock.millis();
            join(consumer, startMs);
            summary = consume(consumer, startMs);
        }
        out.println(ConsumeSummary.HEADER);
        out.println(summary.format());
        out.flush();
        if (summary.records() < messages) {
            throw new IllegalStateException("Exiting before consuming the expected number of messages: read "
                    + summary.records() + " of " + messages + ", no record for " + timeoutMs + " ms");
        }
        return 0;
    }

    private void join(Consumer<byte[], byte[]> consumer, long startMs) {
        if (group != null) {
            consumer.subscribe(List.of(topic), new RebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (rebalanceEndMs < 0) {
                        rebalanceEndMs = clock.millis();
                    }
                }
            });
            return;
        }
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(PartitionInfo::topicPartition).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        rebalanceEndMs = startMs;
    }

    private ConsumeSummary consume(Consumer<byte[], byte[]> consumer, long startMs) {
        long records = 0;
        long bytes = 0;
        long lastRecordMs = clock.millis();
        while (records < messages && clock.millis() - lastRecordMs <= timeoutMs) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
            if (batch.isEmpty()) {
                continue;
            }
            lastRecordMs = clock.millis();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                records++;
                bytes += length(record.key()) + length(record.value());
            }
        }
        long endMs = clock.millis();
        long rebalanceMs = rebalanceEndMs < 0 ? endMs - startMs : rebalanceEndMs - startMs;
        return new ConsumeSummary(startMs, endMs, bytes, records, rebalanceMs);
    }

    private Map<String, Object> props() {
        Map<String, Object> props = new HashMap<>(commandConfig.properties());
        props.put("bootstrap.servers", bootstrapServer);
        props.put("auto.offset.reset", "earliest");
        if (group != null) {
            props.put("group.id", group);
            props.put("enable.auto.commit", "false");
        }
        props.putAll(consumerProps);
        return props;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
