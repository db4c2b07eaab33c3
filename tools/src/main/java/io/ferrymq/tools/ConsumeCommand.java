package io.ferrymq.tools;

import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.errors.WakeupException;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerRecord;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry consume --topic T}: prints records like Kafka's console consumer, from one partition
 * ({@code --partition}) or all of them, starting at {@code --offset} (earliest, latest or a number),
 * {@code --from-beginning} or the end; stops after {@code --max-messages}, after {@code --timeout-ms}
 * without a record, or on Ctrl-C, then reports the count on standard error.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print records of a topic.")
public final class ConsumeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", required = true, description = "Topic to read.")
    private String topic;

    @Option(names = "--partition", description = "Only this partition (default: all).")
    private Integer partition;

    @Option(names = "--offset", description = "earliest, latest or an offset (needs --partition); default latest.")
    private String offset;

    @Option(names = "--group", description = "Consume as a member of this consumer group (subscribe instead of assign).")
    private String group;

    @Option(names = "--from-beginning", description = "Start at the earliest offset.")
    private boolean fromBeginning;

    @Option(names = "--max-messages", description = "Exit after this many records.")
    private Long maxMessages;

    @Option(names = "--timeout-ms", description = "Exit after this long without a record.")
    private Long timeoutMs;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "print.key, print.offset, print.partition, print.timestamp, print.value=true|false, key.separator.")
    private Map<String, String> properties = new LinkedHashMap<>();

    private final ClientFactory clients;
    private final Clock clock;

    public ConsumeCommand() {
        this(ClientFactory.network(), Clock.systemUTC());
    }

    public ConsumeCommand(ClientFactory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        RecordFormatter formatter = RecordFormatter.from(new ToolProperties(properties, RecordFormatter.PROPERTIES));
        validateStart();
        PrintWriter out = spec.commandLine().getOut();
        long count = 0;
        CountDownLatch finished = new CountDownLatch(1);
        try (Consumer<String, String> consumer = clients.consumer(cluster.clientProps(groupProps()),
                new StringDeserializer(), new StringDeserializer())) {
            Thread hook = new Thread(() -> stopOnSignal(consumer, finished), "ferry-consume-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (group != null) {
                    consumer.subscribe(List.of(topic));
                } else {
                    List<TopicPartition> partitions = partitions(consumer);
                    consumer.assign(partitions);
                    position(consumer, partitions);
                }
                count = consumeLoop(consumer, formatter, out);
            } catch (WakeupException e) {
                out.flush();
            } finally {
                finished.countDown();
                removeHook(hook);
            }
        }
        spec.commandLine().getErr().println("Processed a total of " + count + " messages");
        return 0;
    }

    private long consumeLoop(Consumer<String, String> consumer, RecordFormatter formatter, PrintWriter out) {
        long count = 0;
        long lastRecordMs = clock.millis();
        while (maxMessages == null || count < maxMessages) {
            boolean any = false;
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(pollMs(lastRecordMs)))) {
                out.print(formatter.format(record));
                any = true;
                count++;
                if (maxMessages != null && count >= maxMessages) {
                    break;
                }
            }
            out.flush();
            if (any) {
                lastRecordMs = clock.millis();
            } else if (timeoutMs != null && clock.millis() - lastRecordMs >= timeoutMs) {
                break;
            }
        }
        return count;
    }

    private long pollMs(long lastRecordMs) {
        long pollMs = 1000;
        if (timeoutMs != null) {
            pollMs = Math.min(pollMs, Math.max(1, timeoutMs - (clock.millis() - lastRecordMs)));
        }
        return pollMs;
    }

    private Map<String, Object> groupProps() {
        if (group == null) {
            return Map.of();
        }
        return Map.of("group.id", group, "auto.offset.reset", fromBeginning ? "earliest" : "latest");
    }

    private void validateStart() {
        if (group != null && (partition != null || offset != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--group cannot be used with --partition or --offset");
        }
        if (offset != null && partition == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--offset needs --partition");
        }
        if (offset != null && fromBeginning) {
            throw new CommandLine.ParameterException(spec.commandLine(), "use either --offset or --from-beginning");
        }
        if (offset != null && !offset.equals("earliest") && !offset.equals("latest") && !offset.matches("\\d+")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--offset must be earliest, latest or a non-negative number, was '" + offset + "'");
        }
    }

    private List<TopicPartition> partitions(Consumer<String, String> consumer) {
        if (partition != null) {
            return List.of(new TopicPartition(topic, partition));
        }
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos.isEmpty()) {
            throw new IllegalArgumentException("Topic '" + topic + "' does not exist");
        }
        return infos.stream().map(PartitionInfo::topicPartition).toList();
    }

    private void position(Consumer<String, String> consumer, List<TopicPartition> partitions) {
        String start = offset != null ? offset : fromBeginning ? "earliest" : "latest";
        switch (start) {
            case "earliest" -> consumer.seekToBeginning(partitions);
            case "latest" -> consumer.seekToEnd(partitions);
            default -> consumer.seek(partitions.get(0), Long.parseLong(start));
        }
    }

    private static void stopOnSignal(Consumer<String, String> consumer, CountDownLatch finished) {
        consumer.wakeup();
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }
}
