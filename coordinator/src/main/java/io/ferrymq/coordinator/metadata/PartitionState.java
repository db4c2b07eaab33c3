package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of {@code /topics/<t>/partitions/<p>/state}: the current leader ({@link #NO_LEADER}
 * when none), its leader epoch (-1 before the first election; every election adds one), the
 * in-sync replicas, and whether the current leader was elected uncleanly (from outside the ISR).
 * Immutable and thread-safe.
 */
public record PartitionState(int leader, int leaderEpoch, List<Integer> isr, boolean unclean) {

    public static final int NO_LEADER = -1;

    public PartitionState {
        isr = List.copyOf(Objects.requireNonNull(isr, "isr"));
        if (leaderEpoch < -1) {
            throw new IllegalArgumentException("leaderEpoch must be >= -1, was " + leaderEpoch);
        }
    }

    /** The state of a brand-new partition: no leader, epoch -1, ISR = every assigned replica. */
    public static PartitionState initial(List<Integer> replicas) {
        return new PartitionState(NO_LEADER, -1, replicas, false);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public boolean isInIsr(int brokerId) {
        return isr.contains(brokerId);
    }

    /** The same leader and epoch with another ISR (what a leader writes when it shrinks or expands). */
    public PartitionState withIsr(List<Integer> newIsr) {
        return new PartitionState(leader, leaderEpoch, newIsr, unclean);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("leader", leader);
        json.put("leaderEpoch", leaderEpoch);
        json.put("isr", isr);
        json.put("unclean", unclean);
        return json;
    }

    public static PartitionState fromJson(JsonObject json) {
        return new PartitionState(json.requireInt("leader"), json.requireInt("leaderEpoch"),
                json.requireIntList("isr"), json.optionalBoolean("unclean", false));
    }
}
