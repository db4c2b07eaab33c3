package io.ferrymq.tools.perf;

import io.ferrymq.tools.ClientFactory;
import io.ferrymq.client.common.serialization.ByteArraySerializer;
import io.ferrymq.client.producer.Callback;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import io.ferrymq.tools.CommandConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry perf-produce}: Kafka's {@code ProducerPerformance} for Ferry. Sends {@code --num-records}
 * records of {@code --record-size} random bytes (A-Z, one shared payload, no key) as fast as the
 * producer takes them or at {@code --throughput} records/s ({@link ThroughputThrottler}); prints a
 * progress line every 5 s and the final line of {@link ProduceSummary}. Latency is measured from
 * {@code send} to the acknowledgement. Exits 1 when any send failed, naming the first error.
 */
@Command(name = "perf-produce", mixinStandardHelpOptions = true,
        description = "Producer performance test (Kafka's ProducerPerformance output).")
public final class PerfProduceCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Brokers to connect to first (or bootstrap.servers in --producer-props).")
    private String bootstrapServer;

    @Option(names = "--topic", required = true, description = "Topic to write to.")
    private String topic;

    @Option(names = "--num-records", required = true, description = "Records to send.")
    private long numRecords;

    @Option(names = "--record-size", required = true, description = "Bytes per record value.")
    private int recordSize;

    @Option(names = "--throughput", required = true,
            description = "Records per second to hold, or -1 for no limit.")
    private long throughput;

    @Option(names = {"--producer-props", "--producer-property"}, arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Producer settings (Kafka names), e.g. acks=all linger.ms=5.")
    private Map<String, String> producerProps = new LinkedHashMap<>();

    @Mixin
    private CommandConfig commandConfig = new CommandConfig();

    @Option(names = "--reporting-interval-ms", defaultValue = "5000", description = "Progress line period (default: ${DEFAULT-VALUE}).")
    private long reportingIntervalMs;

    private final ClientFactory clients;
    private final Clock clock;

    public PerfProduceCommand() {
        this(ClientFactory.network(), Clock.systemUTC());
    }

    public PerfProduceCommand(ClientFactory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        byte[] payload = payload(recordSize);
        AtomicReference<Exception> firstError = new AtomicReference<>();
        LatencyStats stats;
        try (Producer<byte[], byte[]> producer = clients.producer(props(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            stats = new LatencyStats(clock::millis, line -> {
                out.println(line);
                out.flush();
            }, reportingIntervalMs);
            ThroughputThrottler throttler = ThroughputThrottler.systemTime(throughput, clock.millis());
            for (long i = 0; i < numRecords; i++) {
                long sendStartNanos = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, payload), completion(stats, sendStartNanos, firstError));
                if (throttler.shouldThrottle(i + 1, clock.millis())) {
                    throttler.throttle();
                }
            }
            producer.flush();
            out.println(stats.summary().format());
            out.flush();
        }
        if (stats.failures() > 0) {
            throw new IllegalStateException(stats.failures() + " of " + numRecords + " sends failed; first error: "
                    + firstError.get().getMessage());
        }
        return 0;
    }

    private Callback completion(LatencyStats stats, long sendStartNanos, AtomicReference<Exception> firstError) {
        return (metadata, error) -> {
            if (error == null) {
                stats.record((System.nanoTime() - sendStartNanos) / 1000L, recordSize);
            } else {
                stats.recordFailure();
                firstError.compareAndSet(null, error);
            }
        };
    }

    private void validate() {
        if (numRecords < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--num-records must be at least 1, was " + numRecords);
        }
        if (recordSize < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--record-size must be >= 0, was " + recordSize);
        }
        if (throughput == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--throughput must be positive, or -1 for no limit, was 0");
        }
        if (bootstrapServer == null && !producerProps.containsKey("bootstrap.servers")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--bootstrap-server (or bootstrap.servers in --producer-props) is required");
        }
    }

    private Map<String, Object> props() {
        Map<String, Object> props = new HashMap<>(commandConfig.properties());
        if (bootstrapServer != null) {
            props.put("bootstrap.servers", bootstrapServer);
        }
        props.putAll(producerProps);
        return props;
    }

    /** Random upper-case letters, as Kafka's tool sends. */
    static byte[] payload(int size) {
        SplittableRandom random = new SplittableRandom();
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('A' + random.nextInt(26));
        }
        return payload;
    }
}
