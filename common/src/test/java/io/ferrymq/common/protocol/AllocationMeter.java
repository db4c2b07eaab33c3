package io.ferrymq.common.protocol;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Measures the heap bytes the calling thread allocates while it runs a piece of work, through
 * HotSpot's {@code com.sun.management.ThreadMXBean}. Fuzz tests use it to prove that a length read
 * from the wire is checked before anything of that size is allocated: decoding a frame that claims
 * gigabytes must allocate about as much as the frame holds. {@link #isSupported()} is false on JVMs
 * without per-thread allocation counters; callers skip the check there. Stateless and thread-safe.
 */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private AllocationMeter() {
    }

    /** What a piece of work allocated, and what it returned or threw (anything, errors included). */
    public record Run<T>(long allocatedBytes, Optional<T> result, Optional<Throwable> thrown) {
    }

    public static boolean isSupported() {
        return THREADS != null;
    }

    /** Runs {@code work} on this thread; catches everything it throws so the caller can judge it. */
    public static <T> Run<T> run(Supplier<T> work) {
        long before = allocatedSoFar();
        T result = null;
        Throwable thrown = null;
        try {
            result = work.get();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Run<>(allocatedSoFar() - before, Optional.ofNullable(result), Optional.ofNullable(thrown));
    }

    private static long allocatedSoFar() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot
                && hotspot.isThreadAllocatedMemorySupported()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
            return hotspot;
        }
        return null;
    }
}
