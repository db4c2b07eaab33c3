package io.ferrymq.tools.perf;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The figures of a consumer performance run, printed like Kafka's {@code ConsumerPerformance}
 * (same header and column order, so the same parsers read both). {@code rebalanceMs} is the time
 * from the start to the first assignment (the group join; 0 without a group); the fetch figures
 * exclude it. Bytes are key + value bytes; MB is MiB (2^20). Times are UTC.
 */
public record ConsumeSummary(long startMs, long endMs, long bytes, long records, long rebalanceMs) {

    public static final String HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, "
            + "nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss:SSS")
            .withZone(ZoneOffset.UTC);

    public double megabytes() {
        return bytes / (1024.0 * 1024.0);
    }

    public long elapsedMs() {
        return Math.max(endMs - startMs, 0);
    }

    public long fetchMs() {
        return Math.max(elapsedMs() - rebalanceMs, 0);
    }

    /** The data row under {@link #HEADER}. */
    public String format() {
        return String.format(Locale.ROOT, "%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f",
                TIME.format(Instant.ofEpochMilli(startMs)), TIME.format(Instant.ofEpochMilli(endMs)),
                megabytes(), perSecond(megabytes(), elapsedMs()), records, perSecond(records, elapsedMs()),
                rebalanceMs, fetchMs(), perSecond(megabytes(), fetchMs()), perSecond(records, fetchMs()));
    }

    private static double perSecond(double amount, long ms) {
        return ms <= 0 ? 0 : amount * 1000.0 / ms;
    }
}
