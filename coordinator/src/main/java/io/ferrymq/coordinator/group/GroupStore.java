package io.ferrymq.coordinator.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Durable, replicated state of consumer groups: each group's last generation and its committed
 * offsets. A broker {@link #claim claims} a group when it starts coordinating it, which bumps the
 * group node's version; every later write by that broker ({@link #writeGeneration},
 * {@link #commitOffsets}, {@link #deleteGroup}) presents the version it last saw and fails with
 * {@link GroupFencedException} once another broker has claimed the group, so a deposed coordinator
 * (or a member it still believes in) can never commit.
 *
 * <p>Implementations are thread-safe; callers serialize writes per group (each write needs the
 * version the previous one returned).
 */
public interface GroupStore {

    /** The group node and its version; empty when the group was never created or was deleted. */
    Optional<Versioned<GroupRecord>> load(String groupId);

    /**
     * Takes the group over for {@code brokerId}: creates it when absent, else rewrites it with
     * the next coordinator epoch. Returns the record written and its version.
     */
    Versioned<GroupRecord> claim(String groupId, int brokerId);

    /** Writes a new generation if the group node still has {@code expectedVersion}; returns the new version. */
    int writeGeneration(String groupId, GroupRecord record, int expectedVersion);

    /** Sets (or creates) every partition's offset node in one transaction fenced by {@code expectedVersion}. */
    void commitOffsets(String groupId, int expectedVersion, Map<TopicPartition, CommittedOffset> offsets);

    /**
     * Deletes the offsets {@code expired} selects, in one transaction fenced by {@code expectedVersion}
     * in which each offset node must still be as read (a commit racing the expiry wins: nothing is
     * deleted, and the caller looks again later). Returns the partitions whose offsets were deleted.
     */
    Set<TopicPartition> expireOffsets(String groupId, int expectedVersion,
                                      BiPredicate<TopicPartition, CommittedOffset> expired);

    /** Every committed offset of the group (empty map for an unknown group). */
    Map<TopicPartition, CommittedOffset> fetchOffsets(String groupId);

    /** The group ids that have a node. */
    List<String> listGroups();

    /** Deletes the group and all its offsets if the group node still has {@code expectedVersion}. */
    void deleteGroup(String groupId, int expectedVersion);
}
