package io.ferrymq.tools.verify;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.tools.ClientFactory;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One {@code ferry verify} run against a cluster: creates the topic, then for the run's duration
 * writes sequence-numbered records at the given rate with an idempotent producer (acks=all) while
 * {@link GroupConsumers} read and commit and a {@link FaultSchedule} injects faults; then heals,
 * waits until every partition is fully in sync again, reads the whole topic back ({@link FinalRead}),
 * gathers the replicas' checksums ({@link ReplicaChecksums}) and checks the {@link History}.
 * Progress goes to {@code out}, one line per phase. Not thread-safe; one run per instance.
 */
public final class VerifyRun {

    /** What a run found. */
    public record Outcome(History history, Verdict verdict, List<String> faults, List<String> unchecked) {
    }

    private final VerifySettings settings;
    private final ClientFactory clients;
    private final Map<String, Object> baseProps;
    private final Supplier<FaultInjector> faults;
    private final Clock clock;
    private final PrintWriter out;

    /**
     * @param baseProps client settings every client gets ({@code bootstrap.servers}, security)
     * @param faults the injector, built once the topic exists (it may look up the topic's leaders)
     */
    public VerifyRun(VerifySettings settings, ClientFactory clients, Map<String, Object> baseProps,
                     Supplier<FaultInjector> faults, Clock clock, PrintWriter out) {
        this.settings = settings;
        this.clients = clients;
        this.baseProps = Map.copyOf(baseProps);
        this.faults = faults;
        this.clock = clock;
        this.out = out;
    }

    public Outcome run() {
        Set<TopicPartition> partitions;
        try (Admin admin = clients.admin(props(Map.of()))) {
            partitions = createTopic(admin);
        }
        say("Topic %s: %d partitions, replication factor %d. Writing at %d/s for %d s with acks=%s, faults: %s ...",
                settings.topic(), settings.partitions(), settings.replicationFactor(), settings.rate(),
                settings.duration().toSeconds(), settings.acks(), settings.faults().name().toLowerCase(java.util.Locale.ROOT));
        Writes writes = new Writes();
        FaultSchedule schedule = new FaultSchedule(faults.get(), settings.faultInterval(), settings.faultDuration(), clock);
        GroupConsumers group = new GroupConsumers(clients, props(Map.of("group.id", "ferry-verify-" + settings.topic(),
                "auto.offset.reset", "earliest", "enable.auto.commit", "false")), settings.topic(), partitions,
                settings.consumers(), clock);
        // Ctrl-C must not leave a fault in place (a frozen broker, whatever the fault command did): heal first.
        Thread healOnExit = new Thread(() -> schedule.stop(Duration.ofMinutes(2)), "ferry-verify-heal-on-exit");
        Runtime.getRuntime().addShutdownHook(healOnExit);
        try {
            if (settings.faults() != FaultKind.NONE) {
                schedule.start();
            }
            produce(writes);
        } finally {
            schedule.stop(Duration.ofMinutes(2));
            group.close();
            removeHook(healOnExit);
        }
        say("Wrote %d, acknowledged %d, failed %d; the group read %d. Faults: %d events. Checking ...",
                writes.attempted, writes.acked.size(), writes.failed.get(), group.consumed(), schedule.events().size());
        List<History.Read> reads;
        ReplicaChecksums.Result sums;
        try (Admin admin = clients.admin(props(Map.of()))) {
            awaitInSync(admin);
            Map<Integer, Long> acknowledgedEnds = new HashMap<>();
            writes.acked.forEach(a -> acknowledgedEnds.merge(a.partition(), a.offset() + 1, Math::max));
            reads = FinalRead.readAll(clients, props(Map.of("auto.offset.reset", "earliest", "enable.auto.commit", "false")),
                    partitions, acknowledgedEnds, settings.settleTimeout(), clock);
            sums = ReplicaChecksums.collect(admin, settings.topic(), settings.settleTimeout(), clock);
        }
        History history = new History(writes.startMs, writes.endMs, writes.attempted, List.copyOf(writes.acked),
                writes.failed.get(), reads, group.samples(), sums.checksums());
        Verdict verdict = new HistoryChecker(settings.maxUnavailable()).check(history);
        return new Outcome(history, verdict, schedule.events(), sums.unchecked());
    }

    private Set<TopicPartition> createTopic(Admin admin) {
        Map<String, String> configs = settings.replicationFactor() >= 3 ? Map.of("min.insync.replicas", "2") : Map.of();
        admin.createTopics(List.of(new NewTopic(settings.topic(), settings.partitions(), settings.replicationFactor())
                .withConfigs(configs)));
        awaitInSync(admin);
        Set<TopicPartition> partitions = new TreeSet<>(java.util.Comparator.comparingInt(TopicPartition::partition));
        for (int p = 0; p < settings.partitions(); p++) {
            partitions.add(new TopicPartition(settings.topic(), p));
        }
        return partitions;
    }

    /** Waits until every partition has a leader and its whole replica set in sync; says so if it never does. */
    private void awaitInSync(Admin admin) {
        long deadline = clock.millis() + settings.settleTimeout().toMillis();
        String state = "";
        while (clock.millis() <= deadline) {
            try {
                List<PartitionInfo> ps = admin.describeTopics(List.of(settings.topic())).get(settings.topic()).partitions();
                if (ps.size() == settings.partitions()
                        && ps.stream().allMatch(p -> p.leader().isPresent() && p.isr().size() == p.replicas().size())) {
                    return;
                }
                state = ps.stream().map(p -> p.partition() + ":isr=" + p.isr()).collect(Collectors.joining(" "));
            } catch (RuntimeException e) {
                state = e.getMessage();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        say("Note: the topic is not fully in sync after %d ms (%s); going on.", settings.settleTimeout().toMillis(), state);
    }

    private void produce(Writes writes) {
        boolean idempotent = settings.acks().equals("all") || settings.acks().equals("-1");
        Map<String, Object> extra = Map.of("acks", settings.acks(), "enable.idempotence", Boolean.toString(idempotent),
                "linger.ms", "5", "delivery.timeout.ms", "30000", "request.timeout.ms", "10000", "max.block.ms", "10000");
        try (Producer<String, String> producer = clients.producer(props(extra), new StringSerializer(), new StringSerializer())) {
            writes.startMs = clock.millis();
            long startNs = System.nanoTime();
            long durationNs = settings.duration().toNanos();
            for (long seq = 0; System.nanoTime() - startNs < durationNs; seq++) {
                long dueNs = startNs + seq * TimeUnit.SECONDS.toNanos(1) / settings.rate();
                long aheadNs = dueNs - System.nanoTime();
                if (aheadNs > 0) {
                    LockSupport.parkNanos(aheadNs);
                }
                send(producer, seq, writes);
                writes.attempted++;
            }
            writes.endMs = clock.millis();
            producer.flush();
        }
    }

    private void send(Producer<String, String> producer, long seq, Writes writes) {
        String key = VerifyRecords.key(seq, settings.keys());
        long keySeq = VerifyRecords.keySeq(seq, settings.keys());
        try {
            producer.send(new ProducerRecord<>(settings.topic(), key, VerifyRecords.value(seq, settings.keys())),
                    (metadata, error) -> {
                        if (error == null && metadata.hasOffset()) {
                            writes.acked.add(new History.Ack(seq, key, keySeq, metadata.partition(), metadata.offset(),
                                    clock.millis()));
                        } else {
                            writes.failed.incrementAndGet();
                        }
                    });
        } catch (RuntimeException e) {
            writes.failed.incrementAndGet();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the JVM is exiting and runs the hook itself
        }
    }

    private Map<String, Object> props(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(baseProps);
        p.putAll(extra);
        return p;
    }

    private void say(String format, Object... args) {
        out.println(String.format(format, args));
        out.flush();
    }

    /** The producer's side of the history; the callbacks run on the producer's I/O thread. */
    private static final class Writes {
        final ConcurrentLinkedQueue<History.Ack> acked = new ConcurrentLinkedQueue<>();
        final AtomicLong failed = new AtomicLong();
        long attempted;
        long startMs;
        long endMs;
    }
}
