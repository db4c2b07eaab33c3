package io.ferrymq.broker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed pools of named broker threads ({@code <prefix>-1}, {@code <prefix>-2}, ...). */
public final class ThreadPools {

    private ThreadPools() {
    }

    /** A pool of {@code threads} threads named {@code <prefix>-<n>}; daemon threads do not hold the JVM open. */
    public static ExecutorService fixed(int threads, String prefix, boolean daemon) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        });
    }
}
