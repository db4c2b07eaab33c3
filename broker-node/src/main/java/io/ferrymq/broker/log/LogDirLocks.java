package io.ferrymq.broker.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code .lock} files of a broker's log dirs, each held (an OS file lock) from open until the dir
 * is closed or goes offline, so two brokers never share a dir.
 *
 * <p>Thread-safe (synchronized).
 */
final class LogDirLocks {

    private static final Logger LOG = LoggerFactory.getLogger(LogDirLocks.class);

    private final Map<Path, FileChannel> held = new HashMap<>();

    /**
     * Locks {@code logDir}.
     *
     * @throws IllegalStateException when another process holds the lock
     * @throws IOException when the lock file cannot be opened (the dir is unusable)
     */
    synchronized void lock(Path logDir) throws IOException {
        FileChannel channel = FileChannel.open(logDir.resolve(LogFiles.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("log dir " + logDir + " is in use by another broker (" + LogFiles.LOCK_FILE
                    + " is locked)");
        }
        held.put(logDir, channel);
    }

    /** Releases the lock of {@code logDir}, if held. */
    synchronized void release(Path logDir) {
        FileChannel channel = held.remove(logDir);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("Cannot release the lock of log dir {}", logDir, e);
            }
        }
    }

    synchronized void releaseAll() {
        Map.copyOf(held).keySet().forEach(this::release);
    }
}
