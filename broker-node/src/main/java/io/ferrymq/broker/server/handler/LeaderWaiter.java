package io.ferrymq.broker.server.handler;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.TopicListener;
import io.ferrymq.coordinator.metadata.Versioned;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Lets CreateTopics and CreatePartitions answer once the new partitions have leaders (or their
 * timeout passes), so a client can produce right after. Fed by the metadata store's partition-state
 * notifications; never polls ZooKeeper.
 *
 * <p>Thread-safe: waiters are added on request threads and completed on the store's event thread.
 */
public final class LeaderWaiter implements TopicListener {

    private final MetadataStore store;
    private final Collection<Waiter> waiters = new CopyOnWriteArrayList<>();

    /** Registers itself as a listener of {@code store}. */
    public LeaderWaiter(MetadataStore store) {
        this.store = store;
        store.addListener(this);
    }

    /**
     * A future completed once every partition has a leader, or exceptionally with a
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}.
     */
    public CompletableFuture<Void> awaitLeaders(Collection<TopicPartition> partitions, Duration timeout) {
        Waiter waiter = new Waiter(ConcurrentHashMap.newKeySet(), new CompletableFuture<>());
        waiter.remaining().addAll(partitions);
        waiters.add(waiter);
        waiter.done().whenComplete((ignored, failure) -> waiters.remove(waiter));
        for (TopicPartition tp : partitions) {
            store.cachedPartitionState(tp).ifPresent(state -> waiter.update(tp, state.value()));
        }
        waiter.maybeComplete();
        return waiter.done().orTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onPartitionStateChanged(TopicPartition partition, Versioned<PartitionState> state) {
        for (Waiter waiter : waiters) {
            waiter.update(partition, state.value());
        }
    }

    private record Waiter(Set<TopicPartition> remaining, CompletableFuture<Void> done) {

        void update(TopicPartition tp, PartitionState state) {
            if (state.hasLeader() && remaining.remove(tp)) {
                maybeComplete();
            }
        }

        void maybeComplete() {
            if (remaining.isEmpty()) {
                done.complete(null);
            }
        }
    }
}
