package io.ferrymq.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.common.json.Json;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.Callback;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry verifiable-producer}: sends the integers 0..N-1 (optionally {@code prefix.i}, with
 * keys {@code i % repeating-keys}) at an optional rate and prints one JSON line per outcome, in the
 * shape of Kafka's VerifiableProducer ({@code startup_complete}, {@code producer_send_success} with
 * partition and offset, {@code producer_send_error} with the exception, {@code shutdown_complete},
 * then {@code tool_data} with sent/acked counts), so its checkers and habits apply.
 */
@Command(name = "verifiable-producer", mixinStandardHelpOptions = true,
        description = "Send 0..N-1 and print each acknowledgement or error as a JSON line.")
public final class VerifiableProducerCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", required = true, description = "Topic to write to.")
    private String topic;

    @Option(names = "--max-messages", defaultValue = "-1", description = "How many to send; -1 until stopped.")
    private long maxMessages;

    @Option(names = "--throughput", defaultValue = "-1", description = "Records per second; -1 unthrottled.")
    private long throughput;

    @Option(names = "--acks", defaultValue = "all", description = "0, 1 or all (default: ${DEFAULT-VALUE}).")
    private String acks;

    @Option(names = "--value-prefix", description = "Send values as PREFIX.i instead of i.")
    private String valuePrefix;

    @Option(names = "--repeating-keys", description = "Send keys i % N (default: no keys).")
    private Integer repeatingKeys;

    private final ClientFactory clients;
    private final Clock clock;
    private volatile boolean stopped;

    public VerifiableProducerCommand() {
        this(ClientFactory.network(), Clock.systemUTC());
    }

    public VerifiableProducerCommand(ClientFactory clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AtomicLong acked = new AtomicLong();
        long sent = 0;
        long startMs = clock.millis();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> stopAndWait(finished), "ferry-verifiable-producer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Producer<String, String> producer = clients.producer(cluster.clientProps(Map.of("acks", acks)),
                new StringSerializer(), new StringSerializer())) {
            emit(out, Json.object().put("timestamp", clock.millis()).put("name", "startup_complete"));
            long startNs = System.nanoTime();
            for (long i = 0; (maxMessages < 0 || i < maxMessages) && !stopped; i++) {
                throttle(startNs, i);
                String key = repeatingKeys == null ? null : String.valueOf(i % repeatingKeys);
                String value = valuePrefix == null ? String.valueOf(i) : valuePrefix + "." + i;
                producer.send(new ProducerRecord<>(topic, key, value), report(out, key, value, acked));
                sent++;
            }
            producer.flush();
        } finally {
            emit(out, Json.object().put("timestamp", clock.millis()).put("name", "shutdown_complete"));
            double seconds = Math.max(1, clock.millis() - startMs) / 1000.0;
            emit(out, Json.object().put("timestamp", clock.millis()).put("name", "tool_data").put("sent", sent)
                    .put("acked", acked.get()).put("target_throughput", throughput)
                    .put("avg_throughput", Math.round(acked.get() / seconds * 100) / 100.0));
            finished.countDown();
            removeHook(hook);
        }
        return 0;
    }

    private Callback report(PrintWriter out, String key, String value, AtomicLong acked) {
        return (metadata, error) -> {
            ObjectNode line = Json.object().put("timestamp", clock.millis());
            if (error == null) {
                acked.incrementAndGet();
                line.put("name", "producer_send_success").put("key", key).put("value", value).put("topic", topic)
                        .put("partition", metadata.partition()).put("offset", metadata.offset());
            } else {
                line.put("name", "producer_send_error").put("exception", error.getClass().getName())
                        .put("message", error.getMessage()).put("topic", topic).put("key", key).put("value", value);
            }
            emit(out, line);
        };
    }

    private void throttle(long startNs, long index) {
        if (throughput <= 0) {
            return;
        }
        long dueNs = startNs + index * TimeUnit.SECONDS.toNanos(1) / throughput;
        long aheadNs = dueNs - System.nanoTime();
        if (aheadNs > 0) {
            LockSupport.parkNanos(aheadNs);
        }
    }

    private static void emit(PrintWriter out, ObjectNode line) {
        String text = Json.line(line);
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    private void stopAndWait(CountDownLatch finished) {
        stopped = true;
        try {
            finished.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
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
