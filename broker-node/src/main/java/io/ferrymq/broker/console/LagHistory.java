package io.ferrymq.broker.console;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The total lag of each consumer group over a sliding window (the console's chart): one point per
 * {@link #record} call, points older than the window dropped on every record. A group that was not
 * recorded for a whole window disappears. Thread-safe (every method synchronizes on this).
 */
public final class LagHistory {

    /** One sample: when, and the group's lag summed over its partitions. */
    public record Point(long timeMs, long lag) {
    }

    private final Duration window;
    private final Map<String, Deque<Point>> series = new HashMap<>();

    public LagHistory(Duration window) {
        this.window = window;
    }

    /** Adds one sample per group in {@code totalLagByGroup}, all taken at {@code timeMs}. */
    public synchronized void record(long timeMs, Map<String, Long> totalLagByGroup) {
        totalLagByGroup.forEach((group, lag) -> series.computeIfAbsent(group, g -> new ArrayDeque<>())
                .addLast(new Point(timeMs, lag)));
        long oldest = timeMs - window.toMillis();
        series.values().forEach(points -> {
            while (!points.isEmpty() && points.peekFirst().timeMs() < oldest) {
                points.removeFirst();
            }
        });
        series.values().removeIf(Deque::isEmpty);
    }

    /** The group's points, oldest first; empty when it has none in the window. */
    public synchronized List<Point> points(String group) {
        return List.copyOf(series.getOrDefault(group, new ArrayDeque<>()));
    }
}
