package io.ferrymq.tools.groups;

import io.ferrymq.common.TopicPartition;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the new offset of each partition for a {@link ResetSpec}, clamped into
 * {@code [log start, log end]} as Kafka's tool does (a shift past either end stops there; a time
 * after the last record means the log end). Pure and thread-safe.
 */
public final class ResetPlanner {

    private ResetPlanner() {
    }

    /**
     * @param current committed offsets (partitions without one shift from the log start)
     * @param earliest log start offset per partition
     * @param latest log end offset per partition
     * @param byTime offset of the first record at or after the spec's time, when it is a datetime spec
     */
    public static Map<TopicPartition, Long> plan(ResetSpec spec, Collection<TopicPartition> partitions,
                                                 Map<TopicPartition, Long> current, Map<TopicPartition, Long> earliest,
                                                 Map<TopicPartition, Long> latest, Map<TopicPartition, Long> byTime) {
        Map<TopicPartition, Long> plan = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            long start = earliest.getOrDefault(tp, 0L);
            long end = latest.getOrDefault(tp, start);
            plan.put(tp, Math.max(start, Math.min(end, target(spec, tp, start, end, current, byTime))));
        }
        return plan;
    }

    private static long target(ResetSpec spec, TopicPartition tp, long start, long end,
                               Map<TopicPartition, Long> current, Map<TopicPartition, Long> byTime) {
        if (spec instanceof ResetSpec.ToOffset o) {
            return o.offset();
        }
        if (spec instanceof ResetSpec.ShiftBy s) {
            return current.getOrDefault(tp, start) + s.delta();
        }
        if (spec instanceof ResetSpec.ToDatetime) {
            return byTime.getOrDefault(tp, end);
        }
        return spec instanceof ResetSpec.ToEarliest ? start : end;
    }
}
