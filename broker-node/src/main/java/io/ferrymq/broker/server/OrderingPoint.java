package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiKey;

/**
 * The moment a request's effect is applied, after which the next request of the same connection
 * may start (see {@link RequestSequencer}). Every API key has one, chosen by {@link #of}: the
 * switch has no default, so a new key does not compile until it is classified here.
 *
 * <ul>
 *   <li>{@link #DISPATCH}, the reads: Fetch, ListOffsets, OffsetsForLeaderEpoch, ApiVersions,
 *       DescribeCluster, FindCoordinator, OffsetFetch, DescribeGroups, ListGroups, DescribeAcls,
 *       DescribeUserScramCredentials, DescribeReplicaChecksums. They change
 *       nothing a later request could depend on, so they hold nothing up, not even while a Fetch
 *       long-polls. A read may therefore see the effect of a write sent after it on the same
 *       connection, never miss one sent before it. (A follower's Fetch also records the follower's
 *       position, but its fetcher thread awaits each fetch before it sends the next.)</li>
 *   <li>{@link #HANDLER_RETURNED}, writes applied on the request thread before {@code handle}
 *       returns: Produce ({@code ProduceHandler} appends to the leader's log through
 *       {@code ReplicaManager.appendRecords} and only then returns the future that waits for
 *       acks=all, so the next produce appends after this one without waiting for replication) and
 *       Metadata ({@code MetadataHandler} may auto-create a missing topic with a synchronous
 *       {@code MetadataStore.createTopic}).</li>
 *   <li>{@link #RESPONSE_READY}, every other write, applied when the handler's future completes:
 *       OffsetCommit (its ZooKeeper transaction is done), JoinGroup, SyncGroup, Heartbeat,
 *       LeaveGroup, DeleteGroups (group state), CreateTopics, DeleteTopics, CreatePartitions,
 *       CreateAcls, DeleteAcls, IncrementalAlterConfigs (ZooKeeper writes), InitProducerId (it may claim a block of ids in ZooKeeper, and a later
 *       produce must not overtake the epoch it grants), AlterUserScramCredentials (ZooKeeper write),
 *       SaslHandshake and SaslAuthenticate (the connection's authentication state: the next request is
 *       judged by it). A JoinGroup thus holds its connection's
 *       later requests until the join phase ends, as Kafka's muted channel does (a consumer's
 *       heartbeat thread rests while it joins).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
enum OrderingPoint {

    /** Applied nothing: the next request may start as soon as this one is dispatched. */
    DISPATCH,
    /** Applied when the handler's {@code handle} method has returned. */
    HANDLER_RETURNED,
    /** Applied when the handler's future has completed (the response is ready). */
    RESPONSE_READY;

    static OrderingPoint of(ApiKey key) {
        return switch (key) {
            case FETCH, LIST_OFFSETS, OFFSETS_FOR_LEADER_EPOCH, API_VERSIONS, DESCRIBE_CLUSTER, FIND_COORDINATOR,
                 OFFSET_FETCH, DESCRIBE_GROUPS, LIST_GROUPS, DESCRIBE_ACLS, DESCRIBE_CONFIGS,
                 DESCRIBE_USER_SCRAM_CREDENTIALS, DESCRIBE_REPLICA_CHECKSUMS, LIST_PARTITION_REASSIGNMENTS -> DISPATCH;
            case PRODUCE, METADATA -> HANDLER_RETURNED;
            case OFFSET_COMMIT, JOIN_GROUP, SYNC_GROUP, HEARTBEAT, LEAVE_GROUP, DELETE_GROUPS,
                 CREATE_TOPICS, DELETE_TOPICS, CREATE_PARTITIONS, INIT_PRODUCER_ID, ALTER_USER_SCRAM_CREDENTIALS,
                 CREATE_ACLS, DELETE_ACLS, INCREMENTAL_ALTER_CONFIGS, ELECT_LEADERS, ALTER_PARTITION_REASSIGNMENTS,
                 SASL_HANDSHAKE, SASL_AUTHENTICATE -> RESPONSE_READY;
        };
    }
}
