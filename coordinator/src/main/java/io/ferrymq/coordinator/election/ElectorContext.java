package io.ferrymq.coordinator.election;

import io.ferrymq.coordinator.registry.BrokerRegistry;
import io.ferrymq.coordinator.zk.CoordinatorException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;

/** What one broker's electors share (see {@link LeaderElectionService}). Immutable holder; thread-safe parts. */
record ElectorContext(
        CuratorFramework curator,
        BrokerRegistry registry,
        ElectionConfig config,
        LeadershipListener listener,
        ScheduledExecutorService executor,
        AtomicLong uncleanElections,
        AtomicReference<Thread> electionThread) {

    /** Runs an action on the election thread; dropped (logged at debug) once the thread has stopped. */
    void onThread(Runnable action) {
        try {
            executor.execute(action);
        } catch (RejectedExecutionException stopped) {
            org.slf4j.LoggerFactory.getLogger(ElectorContext.class).debug("election thread stopped; event dropped");
        }
    }

    /**
     * A watcher that runs {@code action} on the election thread for changes of the watched node
     * (not for connection events, nor for the watch's own removal, which changes nothing).
     */
    org.apache.curator.framework.api.CuratorWatcher watcher(Runnable action) {
        return event -> {
            switch (event.getType()) {
                case None, DataWatchRemoved, ChildWatchRemoved, PersistentWatchRemoved -> {
                }
                default -> onThread(action);
            }
        };
    }

    /**
     * Runs {@code action} on the election thread and waits for it (bounded); runs it here when
     * already on that thread or once the thread has stopped.
     *
     * @throws CoordinatorException when the action failed or did not finish within {@code timeout}
     */
    void runAndWait(String what, Runnable action, Duration timeout) {
        if (isElectionThread()) {
            action.run();
            return;
        }
        try {
            executor.submit(action).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            action.run();
        } catch (ExecutionException | TimeoutException e) {
            throw new CoordinatorException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoordinatorException.wrap(what, e);
        }
    }

    boolean isElectionThread() {
        return Thread.currentThread() == electionThread.get();
    }
}
