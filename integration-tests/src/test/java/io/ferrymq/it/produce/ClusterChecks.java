package io.ferrymq.it.produce;

import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.it.harness.BrokerHeap;
import io.ferrymq.it.harness.FerryCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;

/**
 * What {@link HostileBatchIT} checks after each hostile request, each into the caller's
 * {@link SoftAssertions} so one run reports every broken promise at once: every broker process
 * alive (else the tail of its log), its heap peak since {@link #resetHeapPeaks()} bounded (read over
 * JMX, {@link BrokerHeap}), each replica's log end offset (from its segment files,
 * {@link ReplicaLogView}), records present at the expected offsets on every replica, and every
 * replica in the ISR (admin describe). Waits are bounded. Not thread-safe (one test thread).
 */
final class ClusterChecks implements AutoCloseable {

    /** The bound on a broker's heap in use at any moment (brokers run with a larger -Xmx, so it can be exceeded). */
    static final long HEAP_BOUND_BYTES = 512L << 20;
    private static final Duration REPLICA_WAIT = Duration.ofSeconds(20);

    private final FerryCluster cluster;
    private final Admin admin;
    private final Map<Long, BrokerHeap> heaps = new HashMap<>();

    ClusterChecks(FerryCluster cluster, Admin admin) {
        this.cluster = cluster;
        this.admin = admin;
    }

    /** Each broker's log end offset of {@code tp}, read from its files, by broker id. */
    Map<Integer, Long> logEnds(TopicPartition tp) {
        Map<Integer, Long> ends = new TreeMap<>();
        for (BrokerProcess broker : cluster.brokers()) {
            ends.put(broker.id(), ReplicaLogView.logEndOffset(broker.dataDir(), tp));
        }
        return ends;
    }

    void resetHeapPeaks() {
        cluster.brokers().stream().filter(BrokerProcess::isAlive).forEach(b -> heap(b).resetPeaks());
    }

    void checkBrokersAlive(SoftAssertions softly) {
        for (BrokerProcess broker : cluster.brokers()) {
            softly.assertThat(broker.isAlive()).as("broker %d is alive; its log ends:%n%s", broker.id(),
                    broker.isAlive() ? "" : logTail(broker)).isTrue();
        }
    }

    /** Every running broker's heap peak since {@link #resetHeapPeaks()}; a broker exiting meanwhile fails it too. */
    void checkHeapBounded(SoftAssertions softly) {
        for (BrokerProcess broker : cluster.brokers()) {
            if (broker.isAlive()) {
                try {
                    softly.assertThat(heap(broker).peakUsedBytes()).as("peak heap in use on broker %d", broker.id())
                            .isPositive().isLessThan(HEAP_BOUND_BYTES);
                } catch (RuntimeException e) {
                    softly.fail("cannot read the heap of broker " + broker.id() + " (alive: " + broker.isAlive() + "): " + e);
                }
            }
        }
    }

    void checkIsrFull(SoftAssertions softly, String topic) {
        for (PartitionInfo p : admin.describeTopics(List.of(topic)).get(topic).partitions()) {
            softly.assertThat(p.isr()).as("ISR of %s", p.topicPartition()).containsExactlyInAnyOrderElementsOf(p.replicas());
        }
    }

    /**
     * Every live replica holds exactly {@code expected} at its offsets, compared once every live
     * replica has the same log end offset (followers caught up).
     */
    void checkEveryReplicaHolds(SoftAssertions softly, Readable expected) {
        List<BrokerProcess> live = cluster.brokers().stream().filter(BrokerProcess::isAlive).toList();
        try {
            await().atMost(REPLICA_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> live.stream()
                    .map(b -> ReplicaLogView.logEndOffset(b.dataDir(), expected.partition())).distinct().count() == 1);
        } catch (RuntimeException timedOutOrUnreadable) {
            softly.fail("replicas of " + expected.partition() + " did not reach one log end offset within "
                    + REPLICA_WAIT + ": " + logEnds(expected.partition()) + ", " + timedOutOrUnreadable);
        }
        for (BrokerProcess broker : live) {
            softly.assertThat(view(broker, expected)).as("offsets %d..%d of %s on broker %d", expected.firstOffset(),
                    expected.endOffset() - 1, expected.partition(), broker.id()).isEqualTo(expected.described());
        }
    }

    private static List<String> view(BrokerProcess broker, Readable expected) {
        return ReplicaLogView.describe(broker.dataDir(), expected.partition(), expected.firstOffset(), expected.endOffset());
    }

    private BrokerHeap heap(BrokerProcess broker) {
        long pid = broker.pid().orElseThrow(() -> new IllegalStateException("broker " + broker.id() + " is not running"));
        return heaps.computeIfAbsent(pid, BrokerHeap::attach);
    }

    private static String logTail(BrokerProcess broker) {
        try {
            List<String> lines = Files.readAllLines(broker.logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        heaps.values().forEach(BrokerHeap::close);
        heaps.clear();
    }
}
