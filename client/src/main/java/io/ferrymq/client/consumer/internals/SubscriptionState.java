package io.ferrymq.client.consumer.internals;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.NoOffsetForPartitionException;
import io.ferrymq.client.consumer.OffsetResetStrategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The consumer's partitions and where it stands in each: the position (next offset to return), a
 * pending offset reset, the paused flag and the last high watermark seen. Partitions come from
 * {@link #assignFromUser} or, with a group, from {@link #subscribe} + {@link #assignFromSubscribed}.
 * A partition is fetchable when it has a position, no pending reset and is not paused.
 *
 * <p>Pure bookkeeping; confined to the consumer's thread (not thread-safe).
 */
public final class SubscriptionState {

    private static final class PartitionState {
        private OptionalLong position = OptionalLong.empty();
        private Optional<OffsetResetStrategy> pendingReset = Optional.empty();
        private boolean paused;
        private long highWatermark = -1;
    }

    private final OffsetResetStrategy defaultReset;
    private final Map<TopicPartition, PartitionState> assignment = new LinkedHashMap<>();
    private Set<String> subscription = Set.of();

    public SubscriptionState(OffsetResetStrategy defaultReset) {
        this.defaultReset = defaultReset;
    }

    /** Replaces the assignment; states of partitions kept are kept. Refused while subscribed to topics. */
    public void assignFromUser(Collection<TopicPartition> partitions) {
        if (!subscription.isEmpty()) {
            throw new IllegalStateException("Cannot assign partitions while subscribed to topics " + subscription);
        }
        replaceAssignment(partitions);
    }

    /** Subscribes to topics (group management); the group decides the partitions. */
    public void subscribe(Collection<String> topics) {
        if (!assignment.isEmpty() && subscription.isEmpty()) {
            throw new IllegalStateException("Cannot subscribe while partitions are assigned by hand");
        }
        subscription = Set.copyOf(topics);
    }

    public Set<String> subscription() {
        return subscription;
    }

    /** Installs the partitions the group gave this member; each must belong to a subscribed topic. */
    public void assignFromSubscribed(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (!subscription.contains(tp.topic())) {
                throw new IllegalArgumentException("Assigned partition " + tp + " is not in the subscription " + subscription);
            }
        }
        replaceAssignment(partitions);
    }

    /** Drops the subscription and every partition. */
    public void unsubscribe() {
        subscription = Set.of();
        assignment.clear();
    }

    private void replaceAssignment(Collection<TopicPartition> partitions) {
        Map<TopicPartition, PartitionState> next = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            next.put(tp, assignment.getOrDefault(tp, new PartitionState()));
        }
        assignment.clear();
        assignment.putAll(next);
    }

    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assignment.keySet());
    }

    public boolean isAssigned(TopicPartition tp) {
        return assignment.containsKey(tp);
    }

    /** Sets the position and cancels any pending reset. */
    public void seek(TopicPartition tp, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("Seek offset must be >= 0, was " + offset + " for " + tp);
        }
        PartitionState state = state(tp);
        state.position = OptionalLong.of(offset);
        state.pendingReset = Optional.empty();
    }

    /** Forgets the position; the next poll looks it up with {@code strategy}. */
    public void requestReset(TopicPartition tp, OffsetResetStrategy strategy) {
        PartitionState state = state(tp);
        state.pendingReset = Optional.of(strategy);
        state.position = OptionalLong.empty();
    }

    /**
     * Gives every partition without a position or pending reset the default reset.
     *
     * @throws NoOffsetForPartitionException if that default is {@code none}
     */
    public void resetMissingPositions() {
        Set<TopicPartition> missing = new LinkedHashSet<>();
        assignment.forEach((tp, state) -> {
            if (state.position.isEmpty() && state.pendingReset.isEmpty()) {
                missing.add(tp);
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        if (defaultReset == OffsetResetStrategy.NONE) {
            throw new NoOffsetForPartitionException(missing, "no position was set with seek()");
        }
        missing.forEach(tp -> state(tp).pendingReset = Optional.of(defaultReset));
    }

    /** Partitions waiting for a reset, with the strategy to use. */
    public Map<TopicPartition, OffsetResetStrategy> partitionsNeedingReset() {
        Map<TopicPartition, OffsetResetStrategy> result = new LinkedHashMap<>();
        assignment.forEach((tp, state) -> state.pendingReset.ifPresent(s -> result.put(tp, s)));
        return result;
    }

    /** Completes a reset, unless the partition was unassigned, sought or re-reset with another strategy meanwhile. */
    public void completeReset(TopicPartition tp, OffsetResetStrategy strategy, long offset) {
        PartitionState state = assignment.get(tp);
        if (state != null && state.pendingReset.equals(Optional.of(strategy))) {
            state.position = OptionalLong.of(offset);
            state.pendingReset = Optional.empty();
        }
    }

    public OptionalLong position(TopicPartition tp) {
        return state(tp).position;
    }

    /** Advances the position after records were returned (or a batch was skipped). */
    public void advance(TopicPartition tp, long nextOffset) {
        PartitionState state = assignment.get(tp);
        if (state != null && state.pendingReset.isEmpty()) {
            state.position = OptionalLong.of(nextOffset);
        }
    }

    public boolean isFetchable(TopicPartition tp) {
        PartitionState state = assignment.get(tp);
        return state != null && !state.paused && state.position.isPresent() && state.pendingReset.isEmpty();
    }

    /** Fetchable partitions in assignment order. */
    public List<TopicPartition> fetchablePartitions() {
        List<TopicPartition> result = new ArrayList<>();
        assignment.keySet().forEach(tp -> {
            if (isFetchable(tp)) {
                result.add(tp);
            }
        });
        return result;
    }

    public void pause(TopicPartition tp) {
        state(tp).paused = true;
    }

    public void resume(TopicPartition tp) {
        state(tp).paused = false;
    }

    public boolean isPaused(TopicPartition tp) {
        return state(tp).paused;
    }

    public Set<TopicPartition> pausedPartitions() {
        Set<TopicPartition> result = new LinkedHashSet<>();
        assignment.forEach((tp, state) -> {
            if (state.paused) {
                result.add(tp);
            }
        });
        return result;
    }

    public void updateHighWatermark(TopicPartition tp, long highWatermark) {
        PartitionState state = assignment.get(tp);
        if (state != null) {
            state.highWatermark = highWatermark;
        }
    }

    /** The last high watermark a fetch reported; -1 before the first. */
    public long highWatermark(TopicPartition tp) {
        return state(tp).highWatermark;
    }

    private PartitionState state(TopicPartition tp) {
        PartitionState state = assignment.get(tp);
        if (state == null) {
            throw new IllegalStateException("No current assignment for partition " + tp);
        }
        return state;
    }
}
