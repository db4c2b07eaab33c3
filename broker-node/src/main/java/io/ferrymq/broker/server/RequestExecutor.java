package io.ferrymq.broker.server;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of {@code num.io.threads} named threads ({@code ferry-request-N}) that run request
 * handlers, so network threads only read and write sockets. Handlers do not block on waits (long
 * polls and acks=all complete later from other threads), so a few threads suffice even on two cores.
 * {@link #close} stops taking work, lets queued requests finish and joins the threads.
 *
 * <p>Thread-safe.
 */
public final class RequestExecutor implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestExecutor.class);

    private final ThreadPoolExecutor pool;

    public RequestExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "ferry-request-" + counter.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    /** Requests queued and not yet started. */
    public int queuedRequests() {
        return pool.getQueue().size();
    }

    /**
     * Stops taking requests and waits up to {@code timeout} for running ones to finish. Request
     * threads are never interrupted: they may be writing a log segment, and an interrupt closes the
     * segment's {@code FileChannel}. Threads still busy after the timeout are daemons and are left.
     */
    public void close(Duration timeout) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Request threads still busy after {} ms; leaving them to finish", timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
