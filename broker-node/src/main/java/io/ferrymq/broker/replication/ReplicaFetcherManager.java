package io.ferrymq.broker.replication;

import io.ferrymq.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns followed partitions to fetcher threads: {@code num.replica.fetchers} threads per source
 * broker, a partition going to the thread its hash selects. Moving a partition to a new leader or
 * epoch restarts it in the truncating state. Threads are created on demand and all stopped by
 * {@link #close()}.
 *
 * <p>Thread-safe (synchronized).
 */
final class ReplicaFetcherManager implements AutoCloseable {

    private record FetcherKey(int sourceBrokerId, int index) {
    }

    private final FetcherContext context;
    private final Map<FetcherKey, ReplicaFetcherThread> fetchers = new HashMap<>();
    private final Map<TopicPartition, FetcherKey> assigned = new HashMap<>();
    private boolean closed;

    ReplicaFetcherManager(FetcherContext context) {
        this.context = context;
    }

    /** Follows {@code leaderId} at {@code leaderEpoch} for the partition, truncating first. */
    synchronized void addPartition(TopicPartition partition, int leaderId, int leaderEpoch) {
        if (closed) {
            return;
        }
        removePartition(partition);
        FetcherKey key = new FetcherKey(leaderId, Math.floorMod(partition.hashCode(), context.config().numReplicaFetchers()));
        ReplicaFetcherThread fetcher = fetchers.computeIfAbsent(key, k -> {
            ReplicaFetcherThread created = new ReplicaFetcherThread(k.sourceBrokerId(), k.index(), context);
            created.start();
            return created;
        });
        fetcher.addPartition(partition, leaderEpoch);
        assigned.put(partition, key);
    }

    synchronized void removePartition(TopicPartition partition) {
        FetcherKey key = assigned.remove(partition);
        if (key != null) {
            fetchers.get(key).removePartition(partition);
        }
    }

    /** The leader the partition is fetched from, if it is fetched. */
    synchronized Optional<Integer> sourceOf(TopicPartition partition) {
        return Optional.ofNullable(assigned.get(partition)).map(FetcherKey::sourceBrokerId);
    }

    /** The fetch state of a followed partition (for tests and diagnostics). */
    synchronized Optional<FetchState> state(TopicPartition partition) {
        return Optional.ofNullable(assigned.get(partition)).flatMap(k -> fetchers.get(k).state(partition));
    }

    @Override
    public void close() {
        Map<FetcherKey, ReplicaFetcherThread> toStop;
        synchronized (this) {
            closed = true;
            toStop = new HashMap<>(fetchers);
            fetchers.clear();
            assigned.clear();
        }
        toStop.values().forEach(ReplicaFetcherThread::close);
    }
}
