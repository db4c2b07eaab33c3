package io.ferrymq.broker.replication;

import io.ferrymq.broker.ThreadPools;
import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the new replicas of one topic event {@value #THREADS} at a time on the named threads
 * {@code ferry-replica-host-<n>} rather than one after the other on the thread that handles the event.
 * Creating a log is file-system work (a directory, its segment and index files); one after the other,
 * 10,000 of them took about 15 s per broker, during which most partitions had no elector yet.
 *
 * <p>Ordering: {@link #hostAll} returns only once every replica of its batch was hosted or failed. So the
 * metadata-event thread still applies topic events one at a time, in ZooKeeper's order: a deletion or a
 * configuration change that follows a creation finds every replica of the creation hosted. The caller's
 * {@code host} action starts the replica's elector itself, so each election begins as soon as its
 * replica is hosted, while the rest of the batch is still being created.
 *
 * <p>Thread-safe. Tasks are never interrupted (an interrupt during a file operation closes its channel);
 * {@link #close} lets running tasks finish.
 */
final class ReplicaHosting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHosting.class);

    /** Replicas hosted at once. */
    static final int THREADS = 4;

    private final ExecutorService pool = ThreadPools.fixed(THREADS, "ferry-replica-host", true);

    /**
     * Runs {@code host} for every partition, {@value #THREADS} at a time (a single partition on the
     * calling thread), and returns once all have run. When some fail, the others still run and the
     * first failure is thrown afterwards, the later ones added to it as suppressed.
     */
    void hostAll(List<TopicPartition> partitions, Consumer<TopicPartition> host) {
        if (partitions.size() == 1) {
            host.accept(partitions.get(0));
            return;
        }
        List<Future<?>> hosting = new ArrayList<>(partitions.size());
        RuntimeException failure = null;
        try {
            for (TopicPartition tp : partitions) {
                hosting.add(pool.submit(() -> host.accept(tp)));
            }
        } catch (RejectedExecutionException closed) {
            failure = new IllegalStateException("replica hosting is closed: " + (partitions.size() - hosting.size())
                    + " of " + partitions.size() + " replicas not hosted", closed);
        }
        boolean interrupted = false;
        for (Future<?> task : hosting) {
            while (true) {
                try {
                    task.get();
                    break;
                } catch (ExecutionException e) {
                    failure = withFailure(failure, e.getCause());
                    break;
                } catch (InterruptedException e) {
                    // keep waiting: returning early would let the next topic event overtake this one
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException withFailure(RuntimeException first, Throwable next) {
        if (first != null) {
            first.addSuppressed(next);
            return first;
        }
        return next instanceof RuntimeException runtime ? runtime : new IllegalStateException("hosting failed", next);
    }

    /** Stops taking batches; waits (bounded) for the replicas being hosted. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("ferry-replica-host threads still hosting replicas after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
