package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Topics, their replica assignment, config overrides and per-partition state. Administrative
 * operations throw {@link io.ferrymq.common.errors.ApiException} carrying the wire
 * {@link io.ferrymq.common.errors.ErrorCode} ({@code TOPIC_ALREADY_EXISTS},
 * {@code INVALID_TOPIC_EXCEPTION}, {@code INVALID_PARTITIONS}, {@code INVALID_REPLICATION_FACTOR},
 * {@code INVALID_REPLICA_ASSIGNMENT}, {@code INVALID_CONFIG}, {@code UNKNOWN_TOPIC_OR_PARTITION})
 * with a message naming what was wrong.
 *
 * <p><b>Deletion protocol.</b> {@link #deleteTopic} only marks the topic under
 * {@code /admin/delete_topics/<t>}. Every broker hosting replicas of it sees
 * {@link TopicListener#onTopicDeletionRequested}, closes its electors, deletes its local replicas
 * and calls {@link #acknowledgeDeletion}. The topic's znodes, then the mark, are removed once
 * every assigned broker has acknowledged or is no longer registered (a broker that was down
 * deletes its stale local replicas of unknown topics when it starts). {@link #maybeCompleteDeletions}
 * re-checks that rule (brokers call it at start and when a broker leaves). A topic marked for
 * deletion cannot be re-created until its deletion completes.
 *
 * <p>Reads of topics come from a cache that follows ZooKeeper ({@code CuratorCache}); it also
 * holds every partition state with its znode version, and tells {@link TopicListener}s of each
 * change (the brokers' electors learn state changes this way). {@link #partitionState} reads
 * ZooKeeper now. Implementations are thread-safe.
 */
public interface MetadataStore extends AutoCloseable {

    /** Starts following {@code /topics} and {@code /admin/delete_topics}; returns once the cache is loaded. */
    void start();

    /**
     * Validates, assigns replicas over the live brokers (or takes the request's explicit assignment,
     * which must name only registered brokers, as given) and creates the topic with all partition znodes.
     */
    TopicMetadata createTopic(NewTopic topic);

    /** Checks the request as {@link #createTopic} would, including that the topic does not exist yet; creates nothing. */
    void validateNewTopic(NewTopic topic);

    /** Grows a topic to {@code totalPartitions}, assigning the new partitions over the live brokers. */
    TopicMetadata addPartitions(String topic, int totalPartitions);

    /** Replaces the topic's config overrides (validated like at creation). */
    TopicMetadata alterTopicConfigs(String topic, Map<String, String> configs);

    /**
     * Starts, replaces or cancels partition reassignments (Kafka's AlterPartitionReassignments): a
     * target list reassigns the partition to those brokers (registered, distinct, non-empty); empty
     * cancels its reassignment, reverting to the original replicas. Written as Kafka's
     * {@code adding_replicas}/{@code removing_replicas} in the topic znode with the full replica set
     * as the assignment (see {@link ReassignmentPolicy}); the partitions' leaders complete them.
     *
     * @return per partition: done, or why not ({@code UNKNOWN_TOPIC_OR_PARTITION},
     *         {@code INVALID_REPLICA_ASSIGNMENT}, {@code NO_REASSIGNMENT_IN_PROGRESS}, ...)
     */
    Map<TopicPartition, ReassignmentResult> alterPartitionReassignments(Map<TopicPartition, Optional<java.util.List<Integer>>> targets);

    /**
     * Ends the partition's reassignment by making its target the assignment, if the reassignment in
     * the topic znode is still {@code expected} (the leader's step once every target replica is in the
     * ISR; a conditional write, so doing it twice or after a cancel changes nothing).
     *
     * @return whether this call wrote the completed assignment
     */
    boolean completeReassignment(TopicPartition partition, PartitionReassignment expected);

    /** Marks the topic for deletion (see the class comment). */
    void deleteTopic(String topic);

    /** This broker has deleted its local replicas of the topic; may complete the deletion. */
    void acknowledgeDeletion(String topic, int brokerId);

    /** Completes every pending deletion whose assigned brokers all acknowledged or are gone. */
    void maybeCompleteDeletions();

    /** Topics marked for deletion and not yet removed. */
    Set<String> topicsPendingDeletion();

    Optional<TopicMetadata> topic(String name);

    /**
     * The id of the topic as it exists now ({@link TopicIdentity}: from its znode's creation zxid,
     * the same on every broker, new when the topic is recreated); empty for a topic not in the cache.
     */
    Optional<UUID> topicId(String name);

    /** The topic that has this id now; empty when none has (deleted, recreated or never known). */
    Optional<String> topicName(UUID id);

    /** Every topic by name (including those pending deletion). */
    Map<String, TopicMetadata> topics();

    /** The partition's state and znode version, read from ZooKeeper now. */
    Optional<Versioned<PartitionState>> partitionState(TopicPartition partition);

    /** The partition's state and znode version as last seen by the cache (cheap; for Metadata responses and electors). */
    Optional<Versioned<PartitionState>> cachedPartitionState(TopicPartition partition);

    /**
     * Writes a partition's state only if its znode is still at {@code expectedVersion}.
     *
     * @return the written state with its new version
     * @throws PartitionStateConflictException when the version moved on (or the partition is gone)
     */
    Versioned<PartitionState> updatePartitionState(TopicPartition partition, PartitionState newState, int expectedVersion);

    void addListener(TopicListener listener);

    @Override
    void close();
}
