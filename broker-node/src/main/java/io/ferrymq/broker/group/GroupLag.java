package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumer lag of the groups this broker coordinates: per partition with a committed offset,
 * {@code logEndOffset - committedOffset} (at least 0), or -1 when the log end offset is unknown
 * here. Keeps one gauge per (group, partition) registered through {@link LagGauges}, adding and
 * removing them as commits appear and groups are unloaded.
 *
 * <p>Thread-safe: {@link #refresh} runs on the ticker; gauges read concurrently.
 */
final class GroupLag {

    private final LogEndOffsets logEndOffsets;
    private final LagGauges gauges;
    private final Map<String, Set<TopicPartition>> registered = new ConcurrentHashMap<>();

    GroupLag(LogEndOffsets logEndOffsets, LagGauges gauges) {
        this.logEndOffsets = logEndOffsets;
        this.gauges = gauges;
    }

    Map<TopicPartition, Long> of(GroupEntry entry) {
        Map<TopicPartition, Long> result = new HashMap<>();
        entry.committed.keySet().forEach(tp -> result.put(tp, lag(entry, tp)));
        return result;
    }

    long lag(GroupEntry entry, TopicPartition tp) {
        OptionalLong committed = entry.committedOffset(tp);
        OptionalLong end = logEndOffsets.logEndOffset(tp);
        if (committed.isEmpty() || end.isEmpty()) {
            return -1;
        }
        return Math.max(0, end.getAsLong() - committed.getAsLong());
    }

    void refresh(List<GroupEntry> entries) {
        for (GroupEntry entry : entries) {
            Set<TopicPartition> known = registered.computeIfAbsent(entry.groupId, g -> ConcurrentHashMap.newKeySet());
            for (TopicPartition tp : entry.committed.keySet()) {
                if (known.add(tp)) {
                    gauges.register(entry.groupId, tp, () -> lag(entry, tp));
                }
            }
        }
    }

    void forget(GroupEntry entry) {
        Set<TopicPartition> known = registered.remove(entry.groupId);
        if (known != null) {
            known.forEach(tp -> gauges.remove(entry.groupId, tp));
        }
    }
}
