package io.ferrymq.client.admin;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse.PartitionChecksum;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse;
import io.ferrymq.common.security.ScramMechanism;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manages topics, configs, ACLs and users' SCRAM credentials, and inspects the cluster. Each call retries retriable errors (a broker down, no
 * leader yet) until {@code default.api.timeout.ms}, then throws; a failure names the topic and the
 * reason ({@link io.ferrymq.common.errors.ApiException} carries the wire error code).
 *
 * <p>Thread-safe.
 */
public interface Admin extends AutoCloseable {

    /** Creates the topics; throws for the first that failed (the others were still attempted). */
    void createTopics(Collection<NewTopic> topics);

    /** Deletes the topics; throws for the first that failed. */
    void deleteTopics(Collection<String> topics);

    /** Names of every topic. */
    Set<String> listTopics();

    /** Partitions of each named topic; an unknown topic throws UNKNOWN_TOPIC_OR_PARTITION naming it. */
    Map<String, TopicDescription> describeTopics(Collection<String> topics);

    /** Grows each topic to the given total partition count. */
    void createPartitions(Map<String, Integer> totalCounts);

    ClusterDescription describeCluster();

    /**
     * Elects leaders on demand (ElectLeaders, as Kafka's {@code Admin.electLeaders}): {@code type}
     * preferred or unclean, for {@code partitions}, or for every partition when it is empty. Waits
     * until each partition shows the outcome or most of the request timeout passed; the answer per
     * partition ({@code NONE}, {@code ELECTION_NOT_NEEDED}, {@code PREFERRED_LEADER_NOT_AVAILABLE},
     * {@code ELIGIBLE_LEADERS_NOT_AVAILABLE}, {@code REQUEST_TIMED_OUT}, ...) is returned, not thrown.
     */
    List<ElectLeadersResponse.PartitionResult> electLeaders(ElectionType type, Set<TopicPartition> partitions);

    /**
     * Broker {@code brokerId}'s checksums of its replicas of the given partitions, each over its log up to
     * the given offset ({@code -1}: up to that replica's own high watermark), with its role, high
     * watermark and log bounds (DescribeReplicaChecksums, a Ferry API). Errors of a partition (no
     * replica there, the log ends before the offset) are in its answer, not thrown; a broker that is not
     * live throws {@code BROKER_NOT_AVAILABLE}.
     */
    List<PartitionChecksum> describeReplicaChecksums(int brokerId, Map<TopicPartition, Long> upToOffsets);

    /**
     * The configs of each resource (DescribeConfigs): a topic's every key with its override or the
     * broker's value, a broker's every key with its source (dynamic per broker, dynamic cluster-wide
     * default, static, default), the cluster-wide default's keys set there. A broker resource is asked
     * of that broker. Throws for the first resource that failed (an unknown topic, a broker not live).
     */
    Map<ConfigResource, List<ConfigEntry>> describeConfigs(Collection<ConfigResource> resources);

    /**
     * Changes configs (IncrementalAlterConfigs, as Kafka's {@code Admin.incrementalAlterConfigs}): each
     * resource's operations are applied to its current configs, atomically per resource; a broker
     * resource goes to that broker, the cluster-wide default to any. When this returns, the broker that
     * answered runs with the change. Throws for the first resource refused ({@code INVALID_CONFIG} naming
     * a read-only, unknown or invalid key), the others still applied.
     */
    void incrementalAlterConfigs(Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes);

    /** Creates the ACL bindings; throws for the first that failed (the others were still attempted). */
    void createAcls(Collection<AclBinding> bindings);

    /** The ACL bindings that match {@code filter}. */
    List<AclBinding> describeAcls(AclBindingFilter filter);

    /** Deletes every ACL binding any of the filters matches; returns those deleted. */
    List<AclBinding> deleteAcls(Collection<AclBindingFilter> filters);

    /**
     * Each user's SCRAM mechanisms and iteration counts (every user when {@code users} is empty);
     * never a salt or key. A named user without credentials throws {@code RESOURCE_NOT_FOUND}.
     */
    Map<String, List<ScramCredentialInfo>> describeUserScramCredentials(Collection<String> users);

    /**
     * Sets {@code user}'s credential for {@code mechanism}: salted and hashed here, so the password
     * never leaves this client. Iterations must be in [4096, 16384].
     */
    void upsertUserScramCredential(String user, ScramMechanism mechanism, int iterations, String password);

    /** Removes {@code user}'s credential for {@code mechanism}; {@code RESOURCE_NOT_FOUND} when it has none. */
    void deleteUserScramCredential(String user, ScramMechanism mechanism);

    @Override
    void close();
}
