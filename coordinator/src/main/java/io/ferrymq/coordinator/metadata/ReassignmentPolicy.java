package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.errors.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions of a partition reassignment (DESIGN.md, "Reassignment"), pure: what a request
 * (a new target, or a cancel) makes of a partition's assignment, and which phase a partition is in
 * given its assignment and its {@code state}. The partition's leader drives the one step that needs
 * a decision ({@link Phase#READY}: write the target as the assignment); the other steps follow from
 * existing rules (new replicas follow the leader and join the ISR; replicas no longer assigned leave
 * the ISR, their latch and their log). Every phase is read again from ZooKeeper, so any step can be
 * re-done by whichever broker leads after a crash. Stateless and thread-safe.
 */
public final class ReassignmentPolicy {

    /** Where a partition stands. */
    public enum Phase {
        /** No reassignment, and the ISR and leader are within the assignment. */
        NONE,
        /** Reassigning: some target replica is not in the ISR yet (catching up). */
        CATCHING_UP,
        /** Reassigning, and every target replica is in the ISR: the leader writes the target. */
        READY,
        /** The target is the assignment; the ISR or the leader still names a removed replica. */
        CLEANING_UP
    }

    /** An assignment as written to the topic znode: the replicas and the reassignment, if one runs. */
    public record Assignment(List<Integer> replicas, Optional<PartitionReassignment> reassignment) {

        public Assignment {
            replicas = List.copyOf(replicas);
        }
    }

    private ReassignmentPolicy() {
    }

    /**
     * Reassigns a partition whose assignment is {@code current} (perhaps reassigning already: then the
     * new target replaces the old one, from the same original replicas) to {@code target}.
     *
     * @throws io.ferrymq.common.errors.ApiException {@code INVALID_REPLICA_ASSIGNMENT} for an empty
     *         target, a duplicate broker or a broker not in {@code liveBrokers}
     */
    public static Assignment reassign(Assignment current, List<Integer> target, Set<Integer> liveBrokers) {
        validateTarget(target, liveBrokers);
        List<Integer> original = original(current);
        List<Integer> adding = target.stream().filter(r -> !original.contains(r)).toList();
        List<Integer> removing = original.stream().filter(r -> !target.contains(r)).toList();
        if (adding.isEmpty() && removing.isEmpty()) {
            return new Assignment(target, Optional.empty());
        }
        return new Assignment(PartitionReassignment.fullAssignment(target, removing),
                Optional.of(new PartitionReassignment(adding, removing)));
    }

    /**
     * Cancels the reassignment of a partition: its assignment becomes the original replicas again.
     *
     * @throws io.ferrymq.common.errors.ApiException {@code NO_REASSIGNMENT_IN_PROGRESS} when none runs
     */
    public static Assignment cancel(Assignment current) {
        if (current.reassignment().isEmpty()) {
            throw ErrorCode.NO_REASSIGNMENT_IN_PROGRESS.exception("no reassignment is in progress");
        }
        return new Assignment(original(current), Optional.empty());
    }

    /** The finished reassignment: the target replicas, in target order, with no reassignment. */
    public static Assignment complete(Assignment current) {
        return new Assignment(target(current), Optional.empty());
    }

    /** The replicas the partition had before its reassignment (the assignment when none runs). */
    public static List<Integer> original(Assignment current) {
        return current.reassignment().map(r -> r.original(current.replicas())).orElse(current.replicas());
    }

    /** The replicas the partition is being moved to (the assignment when none runs). */
    public static List<Integer> target(Assignment current) {
        return current.reassignment().map(r -> r.target(current.replicas())).orElse(current.replicas());
    }

    /** The phase of a partition with this assignment and {@code state}. */
    public static Phase phase(Assignment current, PartitionState state) {
        if (current.reassignment().isPresent()) {
            return state.isr().containsAll(target(current)) ? Phase.READY : Phase.CATCHING_UP;
        }
        boolean isrWithin = current.replicas().containsAll(state.isr());
        boolean leaderWithin = !state.hasLeader() || current.replicas().contains(state.leader());
        return isrWithin && leaderWithin ? Phase.NONE : Phase.CLEANING_UP;
    }

    /** Whether broker {@code self}, leading with {@code state}, must now write the completed assignment. */
    public static boolean shouldComplete(int self, Assignment current, PartitionState state) {
        return state.leader() == self && phase(current, state) == Phase.READY;
    }

    private static void validateTarget(List<Integer> target, Set<Integer> liveBrokers) {
        if (target.isEmpty()) {
            throw ErrorCode.INVALID_REPLICA_ASSIGNMENT.exception("the target replica list is empty");
        }
        Set<Integer> seen = new HashSet<>();
        for (int broker : target) {
            if (!seen.add(broker)) {
                throw ErrorCode.INVALID_REPLICA_ASSIGNMENT.exception("broker " + broker + " appears twice in "
                        + target);
            }
            if (!liveBrokers.contains(broker)) {
                throw ErrorCode.INVALID_REPLICA_ASSIGNMENT.exception("broker " + broker + " of " + target
                        + " is not registered");
            }
        }
    }
}
