package io.ferrymq.broker.replication;

import io.ferrymq.broker.ThreadPools;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.Versioned;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a controlled shutdown: every partition led here refuses new appends (producers
 * get the retriable {@code NOT_LEADER_OR_FOLLOWER} and go to the next leader), then the broker waits
 * until each such partition is drained — its high watermark reached its log end (every pending
 * acks=all request has been answered) and every member of the ISR that ZooKeeper holds has the whole
 * log — or the configured bound runs out. Then leaving the latches hands leadership to a member of
 * that ISR, with no acknowledged write lost and no appended-but-unanswered write for a producer to
 * duplicate. The ISR is read from ZooKeeper, not taken from the partition's own view, because the
 * electors choose the successor from ZooKeeper's ISR, which may name a replica the local view does
 * not yet (an ISR write that landed but was not applied). A partition this broker no longer leads
 * at its epoch (here or in ZooKeeper) has nothing to drain.
 *
 * <p>Runs on the caller's thread (never a ZooKeeper event thread: it reads ZooKeeper synchronously);
 * not reusable.
 */
final class ControlledShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(ControlledShutdown.class);
    private static final long POLL_MS = 10;
    /** ZooKeeper reads in flight at once: 3,000 led partitions read one by one took seconds. */
    static final int PARALLEL_READS = 8;

    private final ReplicationConfig config;
    private final Clock clock;
    private final HostedPartitions partitions;
    private final MetadataStore metadata;

    ControlledShutdown(ReplicationConfig config, Clock clock, HostedPartitions partitions, MetadataStore metadata) {
        this.config = config;
        this.clock = clock;
        this.partitions = partitions;
        this.metadata = metadata;
    }

    /** Resigns every partition led here and waits (bounded) until they are drained; returns those that were not. */
    List<TopicPartition> drainLeaders() {
        List<Partition> led = partitions.leaders();
        led.forEach(Partition::beginResign);
        long deadline = clock.millis() + config.controlledShutdownTimeout().toMillis();
        ExecutorService readers = ThreadPools.fixed(PARALLEL_READS, "ferry-controlled-shutdown-" + config.brokerId(), true);
        List<Partition> waiting;
        try {
            waiting = undrained(led, readers);
            while (!waiting.isEmpty() && clock.millis() < deadline) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                waiting = undrained(waiting, readers);
            }
        } finally {
            readers.shutdown();
        }
        List<TopicPartition> left = waiting.stream().map(Partition::topicPartition).toList();
        if (left.isEmpty()) {
            LOG.info("Controlled shutdown: all {} led partitions fully replicated; handing over", led.size());
        } else {
            LOG.warn("Controlled shutdown: {} of {} led partitions still not fully replicated after {} ms: {}",
                    left.size(), led.size(), config.controlledShutdownTimeout().toMillis(), left);
        }
        return left;
    }

    /** The candidates not drained yet; their ZooKeeper reads run {@value #PARALLEL_READS} at a time. */
    private List<Partition> undrained(List<Partition> candidates, ExecutorService readers) {
        List<CompletableFuture<Boolean>> drained = candidates.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> isDrained(p), readers)).toList();
        List<Partition> left = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (!drained.get(i).join()) {
                left.add(candidates.get(i));
            }
        }
        return left;
    }

    private boolean isDrained(Partition partition) {
        if (!partition.isLeader()) {
            return true;
        }
        // The local check is cheap; ZooKeeper is read only once it holds.
        if (!partition.isFullyCommitted()) {
            return false;
        }
        Optional<PartitionState> state;
        try {
            state = metadata.partitionState(partition.topicPartition()).map(Versioned::value);
        } catch (RuntimeException e) {
            LOG.debug("Controlled shutdown: cannot read the state of {} yet: {}", partition.topicPartition(), e.toString());
            return false;
        }
        return state.map(s -> !isLeaderAt(s, partition.leaderEpoch()) || partition.hasReplicatedTo(s.isr()))
                .orElse(true);
    }

    private boolean isLeaderAt(PartitionState state, int leaderEpoch) {
        return state.leader() == config.brokerId() && state.leaderEpoch() == leaderEpoch;
    }
}
