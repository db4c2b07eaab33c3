package io.ferrymq.broker.log.cleaner;

/**
 * The broker's {@code log.cleaner.*} settings (Kafka's names and defaults). Immutable.
 *
 * @param enabled {@code log.cleaner.enable}
 * @param threads {@code log.cleaner.threads}
 * @param dedupeBufferSize {@code log.cleaner.dedupe.buffer.size}: bytes of offset map, shared by the threads
 * @param backoffMs {@code log.cleaner.backoff.ms}: sleep when no log needs cleaning
 */
public record CleanerConfig(boolean enabled, int threads, long dedupeBufferSize, long backoffMs) {

    public static final CleanerConfig DEFAULT = new CleanerConfig(true, 1, 128L * 1024 * 1024, 15_000L);

    public CleanerConfig {
        if (threads < 1 || dedupeBufferSize < 1024 || backoffMs < 0) {
            throw new IllegalArgumentException("log.cleaner.threads must be >= 1, log.cleaner.dedupe.buffer.size "
                    + ">= 1024 and log.cleaner.backoff.ms >= 0; were " + threads + ", " + dedupeBufferSize + ", "
                    + backoffMs);
        }
    }

    /** Bytes of offset map each thread gets (Kafka caps one map below 2 GiB). */
    public int dedupeBufferPerThread() {
        return (int) Math.min(dedupeBufferSize / threads, Integer.MAX_VALUE - 8);
    }
}
