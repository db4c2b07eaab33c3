package io.ferrymq.broker.group;

import io.ferrymq.common.errors.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator's threads: {@value #STRIPES} single-thread "stripes"
 * ({@code ferry-group-store-<broker>-<n>}) that run ZooKeeper calls, a group always on the same
 * stripe so its writes stay ordered; and one ticker ({@code ferry-group-ticker-<broker>}) that
 * runs every {@value #TICK_MS} ms. {@link #close} stops them and waits for them to end.
 *
 * <p>Thread-safe.
 */
final class GroupExecutors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupExecutors.class);
    static final int STRIPES = 2;
    static final long TICK_MS = 100;

    private final ExecutorService[] stripes = new ExecutorService[STRIPES];
    private final ScheduledExecutorService ticker;

    GroupExecutors(int brokerId) {
        for (int i = 0; i < STRIPES; i++) {
            String name = "ferry-group-store-" + brokerId + "-" + i;
            stripes[i] = Executors.newSingleThreadExecutor(r -> daemon(r, name));
        }
        String tickerName = "ferry-group-ticker-" + brokerId;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, tickerName));
    }

    ExecutorService stripeOf(String groupId) {
        return stripes[CoordinatorSelector.stripe(groupId, STRIPES)];
    }

    /** Runs {@code work} on {@code stripe}; a stopped stripe gives a failed future, never a throw. */
    <T> CompletableFuture<T> supply(Executor stripe, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, stripe);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    ErrorCode.COORDINATOR_NOT_AVAILABLE.exception("group coordinator is shutting down"));
        }
    }

    void startTicker(Runnable tick) {
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                log.error("Group coordinator tick failed", e);
            }
        }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void stopTicker() {
        shutdownAndJoin(ticker);
    }

    @Override
    public void close() {
        stopTicker();
        for (ExecutorService stripe : stripes) {
            shutdownAndJoin(stripe);
        }
    }

    private static void shutdownAndJoin(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Group coordinator thread still busy after 10 s; interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
