package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous commits on one named thread ({@code ferry-commit-<client.id>}), so they complete in
 * submission order; their callbacks are queued and run on the consumer thread by
 * {@link #runCallbacks}. Thread-safe.
 */
final class AsyncCommits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsyncCommits.class);

    private final OffsetClient offsets;
    private final int timeoutMs;
    private final ExecutorService executor;
    private final Queue<Runnable> completed = new ConcurrentLinkedQueue<>();
    private volatile Future<?> last;

    AsyncCommits(String clientId, OffsetClient offsets, int timeoutMs) {
        this.offsets = offsets;
        this.timeoutMs = timeoutMs;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ferry-commit-" + clientId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Commits {@code toCommit} as {@code generation} (see {@link OffsetClient#commit}) after the earlier commits. */
    void submit(Map<TopicPartition, OffsetAndMetadata> toCommit, MemberState.Generation generation,
                OffsetCommitCallback callback) {
        last = executor.submit(() -> {
            Optional<RuntimeException> failure = Optional.empty();
            try {
                offsets.commit(toCommit, generation, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs));
            } catch (RuntimeException e) {
                failure = Optional.of(e);
            }
            Optional<RuntimeException> outcome = failure;
            completed.add(() -> callback.onComplete(toCommit, outcome));
        });
    }

    /** Queues {@code callback} with {@code failure} for a commit refused before it was sent. */
    void failed(Map<TopicPartition, OffsetAndMetadata> toCommit, RuntimeException failure, OffsetCommitCallback callback) {
        completed.add(() -> callback.onComplete(toCommit, Optional.of(failure)));
    }

    /** Waits (bounded) for the commits submitted so far, so a later commit cannot be overtaken. */
    void awaitPending(Duration timeout) {
        Future<?> pending = last;
        if (pending == null) {
            return;
        }
        try {
            pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Waiting for earlier async commits: {}", e.toString());
        }
    }

    void runCallbacks() {
        Runnable callback;
        while ((callback = completed.poll()) != null) {
            callback.run();
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
