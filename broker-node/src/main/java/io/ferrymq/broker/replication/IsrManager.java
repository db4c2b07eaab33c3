package io.ferrymq.broker.replication;

import io.ferrymq.broker.ThreadPools;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.partition.IsrChange;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.Failures;
import io.ferrymq.coordinator.isr.IsrUpdater;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's ISR maintenance and high-watermark checkpoints, on one named thread
 * {@code ferry-isr-<brokerId>} (its ZooKeeper writes run on {@value #WRITERS} writer threads, one
 * per partition at a time, and their outcomes come back to it): every {@code replica.lag.time.max.ms / 2} (and at once when a broker's
 * registration disappears or reports offline replicas) each led partition is checked for followers to
 * drop; an expansion is checked when a follower's fetch suggests it. A change is written to ZooKeeper
 * with a conditional write first and applied to the partition only after it succeeded; a conflict that shows this broker
 * was deposed makes it step down at once (DESIGN.md rule 4). Until the write resolves the change is
 * pending in the partition (its high watermark waits for the maximal ISR): a success or a conflict
 * at this broker's own epoch applies the ISR ZooKeeper holds; a deposition drops the leader state
 * with it; any other failure leaves the outcome unknown, so the change stays pending and the next
 * shrink check writes it again (the write is idempotent). A led partition being reassigned is
 * completed here too ({@link ReassignmentDriver}) after an expansion and at every shrink check.
 *
 * <p>Thread-safe: public methods only enqueue work on the thread.
 */
final class IsrManager implements AutoCloseable {

    /** What the replica manager does when an ISR change moved a high watermark or revealed a new leader. */
    interface Listener {
        void onHighWatermarkMoved(TopicPartition partition);

        void onDeposed(Partition partition, int leaderEpoch, Optional<PartitionState> current);
    }

    private static final Logger LOG = LoggerFactory.getLogger(IsrManager.class);
    /** ISR writes in flight at once, one per partition. */
    static final int WRITERS = 8;

    private final ReplicationConfig config;
    private final HostedPartitions partitions;
    private final IsrUpdater updater;
    private final BrokerRegistry registry;
    private final IsrDeps deps;
    private final ScheduledThreadPoolExecutor thread;
    private final Set<TopicPartition> expansionsQueued = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> shrinksQueued = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final Set<TopicPartition> writing = ConcurrentHashMap.newKeySet();

    /** The rest of what the ISR manager needs. */
    record IsrDeps(ReplicaLogStore logs, BrokerMetrics metrics, Listener listener, ReassignmentDriver reassignments) {
    }

    IsrManager(ReplicationConfig config, HostedPartitions partitions, IsrUpdater updater, BrokerRegistry registry,
               IsrDeps deps) {
        this.config = config;
        this.partitions = partitions;
        this.updater = updater;
        this.registry = registry;
        this.deps = deps;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "ferry-isr-" + config.brokerId()));
        this.thread.setRemoveOnCancelPolicy(true);
        this.writers = ThreadPools.fixed(WRITERS, "ferry-isr-writer-" + config.brokerId(), false);
    }

    void start() {
        long period = Math.max(1, config.replicaLagTimeMaxMs() / 2);
        thread.scheduleWithFixedDelay(guard(this::shrinkAll), period, period, TimeUnit.MILLISECONDS);
        long checkpoint = config.highWatermarkCheckpointIntervalMs();
        thread.scheduleWithFixedDelay(guard(this::checkpointHighWatermarks), checkpoint, checkpoint, TimeUnit.MILLISECONDS);
    }

    /** Checks every led partition for followers to drop, soon (e.g. a broker's registration vanished). */
    void shrinkSoon() {
        submit(this::shrinkAll);
    }

    /**
     * Checks one partition this broker just became leader of for followers to drop, soon: the ISR it
     * was elected with may name a broker whose registration vanished while the election ran, after
     * {@link #shrinkSoon()} looked at the partitions led then. Repeated requests coalesce.
     */
    void shrinkSoon(TopicPartition partition) {
        if (shrinksQueued.add(partition)) {
            submit(() -> {
                shrinksQueued.remove(partition);
                partitions.get(partition).filter(Partition::isLeader).ifPresent(this::shrink);
            });
        }
    }

    /** Checks whether followers of the partition may join its ISR, soon; repeated requests coalesce. */
    void expandSoon(TopicPartition partition) {
        if (expansionsQueued.add(partition)) {
            submit(() -> {
                expansionsQueued.remove(partition);
                partitions.get(partition).ifPresent(p -> p.proposeIsrExpand(registry.brokersServing(partition))
                        .ifPresent(change -> write(p, change)));
            });
        }
    }

    /** A follower that is unregistered, or whose registration reports its replica offline, leaves at once. */
    private void shrinkAll() {
        for (Partition partition : partitions.leaders()) {
            shrink(partition);
        }
    }

    private void shrink(Partition partition) {
        partition.pendingIsrChange()
                .or(() -> partition.proposeIsrShrink(registry.brokersServing(partition.topicPartition())))
                .ifPresent(change -> write(partition, change));
        deps.reassignments().maybeComplete(partition);
    }

    /**
     * Sends the change's conditional write on a writer thread, so up to {@value #WRITERS} partitions'
     * writes are in flight at once (a broker leaving makes every leader shrink thousands of ISRs,
     * each a ZooKeeper read and fsynced write), and handles the outcome back on the ISR thread. A
     * partition has at most one write in flight: a check that finds one leaves the change pending
     * for the next.
     */
    private void write(Partition partition, IsrChange change) {
        TopicPartition tp = partition.topicPartition();
        if (!writing.add(tp)) {
            return;
        }
        CompletableFuture.supplyAsync(() -> updater.updateIsr(tp, change.leaderEpoch(), change.newIsr()), writers)
                .whenCompleteAsync((written, error) -> {
                    writing.remove(tp);
                    onWritten(partition, change, written, error == null ? null : Failures.unwrap(error));
                }, thread)
                .exceptionally(failure -> {
                    writing.remove(tp);
                    if (Failures.unwrap(failure) instanceof RejectedExecutionException) {
                        LOG.debug("ISR manager closed; the ISR write of {} is not followed up", tp);
                    } else {
                        LOG.error("{}: handling the outcome of an ISR write failed", tp, failure);
                    }
                    return null;
                });
    }

    private void onWritten(Partition partition, IsrChange change, Versioned<PartitionState> written, Throwable error) {
        TopicPartition tp = partition.topicPartition();
        if (error == null) {
            apply(partition, change.leaderEpoch(), written.value().isr());
            LOG.info("{}: ISR now {} at leader epoch {} (removed {}, added {})", tp, written.value().isr(),
                    change.leaderEpoch(), change.removed(), change.added());
            (change.isShrink() ? deps.metrics().isrShrinks() : deps.metrics().isrExpands()).mark();
            if (!change.isShrink()) {
                deps.reassignments().maybeComplete(partition);
            }
        } else if (error instanceof PartitionStateConflictException e) {
            Optional<PartitionState> current = e.current().map(Versioned::value);
            boolean stillLeader = current.map(s -> s.leader() == config.brokerId()
                    && s.leaderEpoch() == change.leaderEpoch()).orElse(false);
            if (stillLeader) {
                // Only this leader writes the ISR at its epoch, so ZooKeeper holds our own last write
                // (perhaps a retry that landed after a lost connection): adopt it, ending the pending change.
                apply(partition, change.leaderEpoch(), current.orElseThrow().isr());
                LOG.info("{}: ISR write raced; using the ISR {} that ZooKeeper holds: {}", tp,
                        current.orElseThrow().isr(), e.getMessage());
            } else {
                LOG.warn("{}: deposed while changing the ISR, stepping down: {}", tp, e.getMessage());
                deps.listener().onDeposed(partition, change.leaderEpoch(), current);
            }
        } else {
            LOG.warn("{}: could not write ISR {} ({}); it stays pending and is retried", tp, change.newIsr(),
                    error.toString());
        }
    }

    private void apply(Partition partition, int leaderEpoch, List<Integer> isr) {
        if (partition.applyIsr(leaderEpoch, isr)) {
            deps.listener().onHighWatermarkMoved(partition.topicPartition());
        }
    }

    /** Writes every hosted partition's high watermark to the checkpoint file. */
    void checkpointHighWatermarks() {
        Map<TopicPartition, Long> marks = new TreeMap<>();
        for (Partition partition : partitions.all()) {
            marks.put(partition.topicPartition(), partition.highWatermark());
        }
        deps.logs().checkpointHighWatermarks(marks);
    }

    private void submit(Runnable task) {
        try {
            thread.execute(guard(task));
        } catch (RejectedExecutionException closed) {
            LOG.debug("ISR manager closed; dropping a task");
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("ISR maintenance task failed", e);
            }
        };
    }

    /** Stops the thread (bounded wait), then writes a last high-watermark checkpoint. */
    @Override
    public void close() {
        // Not shutdownNow(): an interrupt during the checkpoint's file write would close its channel.
        writers.shutdown();
        thread.shutdown();
        try {
            if (!writers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("ferry-isr-writer-{}-* did not stop within 5 s", config.brokerId());
            }
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("ferry-isr-{} did not stop within 5 s", config.brokerId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            checkpointHighWatermarks();
        } catch (RuntimeException e) {
            LOG.error("Final high-watermark checkpoint failed", e);
        }
    }
}
