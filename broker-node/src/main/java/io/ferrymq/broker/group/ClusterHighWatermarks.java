package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link LogEndOffsets} for every partition of the cluster, so the coordinator's lag gauges know
 * partitions it does not lead: the high watermark of a partition led here comes from its leader
 * replica; any other partition asked for is remembered and its high watermark fetched from its
 * leader by the next {@link #refresh} (every {@code interval}, on the caller's thread). A fetched
 * value is served while it is at most three intervals old; after that, as for a partition never
 * fetched, the answer is empty (lag unknown, -1). A partition nobody asked for in three intervals
 * (its group was unloaded) is no longer fetched, so the cost follows the gauges that are read.
 *
 * <p>Thread-safe: {@link #logEndOffset} runs on any thread, {@link #refresh} on one.
 */
public final class ClusterHighWatermarks implements LogEndOffsets {

    private record Fetched(long highWatermark, long atMs) {
    }

    private final LogEndOffsets local;
    private final Clock clock;
    private final long maxAgeMs;
    private final Map<TopicPartition, Long> askedAtMs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Fetched> fetched = new ConcurrentHashMap<>();

    public ClusterHighWatermarks(LogEndOffsets local, Duration interval, Clock clock) {
        this.local = local;
        this.clock = clock;
        this.maxAgeMs = interval.multipliedBy(3).toMillis();
    }

    @Override
    public OptionalLong logEndOffset(TopicPartition tp) {
        OptionalLong here = local.logEndOffset(tp);
        if (here.isPresent()) {
            return here;
        }
        long now = clock.millis();
        askedAtMs.put(tp, now);
        Fetched last = fetched.get(tp);
        return last != null && now - last.atMs() <= maxAgeMs ? OptionalLong.of(last.highWatermark()) : OptionalLong.empty();
    }

    /** The partitions the next refresh fetches: asked for within three intervals, not led here. */
    Set<TopicPartition> wanted() {
        long now = clock.millis();
        askedAtMs.entrySet().removeIf(e -> now - e.getValue() > maxAgeMs);
        fetched.keySet().retainAll(askedAtMs.keySet());
        return askedAtMs.keySet().stream().filter(tp -> local.logEndOffset(tp).isEmpty()).collect(Collectors.toSet());
    }

    /**
     * Fetches the wanted partitions' high watermarks with {@code endOffsets} (the partitions it
     * answers for; an unanswered one keeps its last value until that is too old).
     */
    public void refresh(Function<Set<TopicPartition>, Map<TopicPartition, Long>> endOffsets) {
        Set<TopicPartition> wanted = wanted();
        if (wanted.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> answers = endOffsets.apply(wanted);
        long now = clock.millis();
        answers.forEach((tp, hw) -> {
            if (wanted.contains(tp)) {
                fetched.put(tp, new Fetched(hw, now));
            }
        });
    }
}
