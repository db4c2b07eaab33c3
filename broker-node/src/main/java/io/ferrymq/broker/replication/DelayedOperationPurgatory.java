package io.ferrymq.broker.replication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds {@link DelayedOperation}s that wait for an event on one or more keys (for replication the
 * key is a partition): {@link #checkAndComplete(Object)} is called when something happens on a
 * key (the high watermark moved, records were appended) and completes the watchers whose
 * condition now holds. Nothing is polled on a timer: the single named timer thread only expires
 * operations whose delay ran out.
 *
 * <p>Invariants: an operation that was pending when its key's event fired is checked after the
 * event (it is watched before its condition is re-checked in {@link #tryCompleteElseWatch}); an
 * operation that completes leaves the watch list of every key it watched, not only the one whose
 * event completed it (a follower's fetch watches all its partitions, and a key without events
 * would otherwise hold every completed fetch, with its response, for as long as the broker runs).
 * Thread-safe.
 */
public final class DelayedOperationPurgatory<K> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DelayedOperationPurgatory.class);

    private final String name;
    private final Map<K, Queue<DelayedOperation>> watchers = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;

    public DelayedOperationPurgatory(String name) {
        this.name = name;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ferry-purgatory-" + name);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Completes {@code operation} now if its condition holds, otherwise watches it on every key
     * and arms its timeout. Returns true if it completed here.
     */
    public boolean tryCompleteElseWatch(DelayedOperation operation, Collection<K> keys) {
        if (operation.maybeTryComplete()) {
            return true;
        }
        operation.watching(keys);
        for (K key : keys) {
            watchers.compute(key, (k, queue) -> {
                Queue<DelayedOperation> target = queue == null ? new ConcurrentLinkedQueue<>() : queue;
                target.add(operation);
                return target;
            });
        }
        if (operation.maybeTryComplete()) {
            unwatch(operation, keys);
            return true;
        }
        Runnable expiry = () -> {
            operation.expire();
            unwatch(operation, keys);
        };
        try {
            operation.setTimeout(timer.schedule(expiry, operation.delayMs(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException closed) {
            expiry.run();
        }
        return false;
    }

    /** Re-checks every operation watching {@code key}; returns how many completed. */
    public int checkAndComplete(K key) {
        Queue<DelayedOperation> queue = watchers.get(key);
        if (queue == null) {
            return 0;
        }
        int completed = 0;
        for (DelayedOperation operation : queue) {
            if (operation.isCompleted()) {
                queue.remove(operation);
            } else if (operation.maybeTryComplete()) {
                unwatch(operation, operation.<K>watchedKeys());
                completed++;
            }
        }
        removeIfEmpty(key);
        return completed;
    }

    private void unwatch(DelayedOperation operation, Collection<K> keys) {
        for (K key : keys) {
            Queue<DelayedOperation> queue = watchers.get(key);
            if (queue != null) {
                queue.remove(operation);
                removeIfEmpty(key);
            }
        }
    }

    /** Drops an empty watch list atomically with respect to {@link #tryCompleteElseWatch}'s adds. */
    private void removeIfEmpty(K key) {
        watchers.computeIfPresent(key, (k, queue) -> queue.isEmpty() ? null : queue);
    }

    /** Watch-list entries: operations counted once per key they watch (for metrics and tests). */
    public int watched() {
        int count = 0;
        for (Queue<DelayedOperation> queue : watchers.values()) {
            count += queue.size();
        }
        return count;
    }

    /** Entries on {@code key}'s watch list, completed or not (for tests). */
    int watchListSize(K key) {
        Queue<DelayedOperation> queue = watchers.get(key);
        return queue == null ? 0 : queue.size();
    }

    /** Expires every pending operation (their callers get a timeout) and stops the timer thread. */
    @Override
    public void close() {
        timer.shutdownNow();
        List<DelayedOperation> pending = new ArrayList<>();
        watchers.values().forEach(pending::addAll);
        watchers.clear();
        pending.forEach(DelayedOperation::expire);
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Purgatory {} timer thread did not stop within 5 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
