package io.ferrymq.broker.log;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@code LogDirFailureChannel} (KIP-112): where a log operation that met a disk error
 * ({@link #isStorageFailure}) reports its log dir, and where the failure handler learns of it. A
 * dir goes offline exactly once: the first report records it and queues it for the handler
 * ({@link #pollNextOfflineLogDir}); later reports of the same dir only return false. A dir comes back
 * only with a new channel, i.e. a restart.
 *
 * <p>Not a disk error: a {@link ClosedChannelException} (a log closed under a reader or writer, e.g.
 * by deletion or by the failure handling itself) and any exception that is not an I/O error.
 *
 * <p>Thread-safe: any thread may report; one handler thread polls.
 */
public final class LogDirFailureChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LogDirFailureChannel.class);

    /** A log dir that went offline, and the first failure's description. */
    public record OfflineLogDir(Path dir, String reason) {
    }

    private final Set<Path> offline = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<OfflineLogDir> queue = new LinkedBlockingQueue<>();

    /** Whether {@code failure} (or an exception it wraps) is a disk error that takes a log dir offline. */
    public static boolean isStorageFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes {@code logDir} offline because of {@code cause}; true when this call did it (the first
     * report of the dir), false when it was offline already.
     */
    public boolean maybeAddOfflineLogDir(Path logDir, String operation, Throwable cause) {
        if (!offline.add(logDir)) {
            return false;
        }
        String reason = operation + " failed in " + logDir + ": " + cause;
        LOG.error("Log dir {} is offline: {}", logDir, reason, cause);
        queue.add(new OfflineLogDir(logDir, reason));
        return true;
    }

    /**
     * Runs {@code operation} on a log in {@code logDir}; a disk error takes the dir offline and is
     * rethrown (it answers the request in flight with {@code KAFKA_STORAGE_ERROR}).
     */
    public <T> T guard(Path logDir, String operation, Supplier<T> action) {
        return guard(() -> logDir, () -> operation, action);
    }

    /**
     * {@link #guard} naming the dir and the operation only when it fails: for loops that run over
     * every log every second, where building each log's name would cost more than the work.
     */
    public <T> T guard(Supplier<Path> logDir, Supplier<String> operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            if (isStorageFailure(e)) {
                maybeAddOfflineLogDir(logDir.get(), operation.get(), e);
            }
            throw e;
        }
    }

    /** {@link #guard} for an operation without a result. */
    public void guardRun(Path logDir, String operation, Runnable action) {
        guardRun(() -> logDir, () -> operation, action);
    }

    /** {@link #guard(Supplier, Supplier, Supplier)} for an operation without a result. */
    public void guardRun(Supplier<Path> logDir, Supplier<String> operation, Runnable action) {
        guard(logDir, operation, () -> {
            action.run();
            return null;
        });
    }

    public boolean isOffline(Path logDir) {
        return offline.contains(logDir);
    }

    /** Every dir taken offline so far. */
    public Set<Path> offlineLogDirs() {
        return Set.copyOf(offline);
    }

    /** The next dir taken offline and not yet handled, waiting up to {@code wait}. */
    public Optional<OfflineLogDir> pollNextOfflineLogDir(Duration wait) throws InterruptedException {
        return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }
}
