package io.ferrymq.coordinator.zk;

import io.ferrymq.common.TopicPartition;
import java.util.List;
import java.util.Optional;

/**
 * The one place that knows Ferry's ZooKeeper tree. All paths are relative to the chroot
 * ({@link ZkConfig#chroot()}, default {@code /ferry}), which {@link ZkClient} applies as the Curator
 * namespace. Every node holds UTF-8 JSON, written and read through
 * {@link io.ferrymq.common.json.Json}, so operators can read it with zkCli.
 *
 * <pre>
 * /brokers/ids/&lt;id&gt;                          EPHEMERAL  {"version":2,"host":"h","port":9092,"rack":"r"|null,"startTimeMs":n,
 *                                                  "endpoints":["PLAINTEXT://h:9092","SSL://h:9093"],
 *                                                  "listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT","SSL":"SSL"}}
 *                                                  host/port: the inter-broker listener (see {@code BrokerInfo});
 *                                                  version 1 (no endpoints) reads as one PLAINTEXT listener
 *                                                  plus, once a log dir failed, "offline_log_dirs":["/d"] and
 *                                                  "offline_replicas":{"topic":[0,2]} (see registry.OfflineStorage)
 *                                                  plus, when the broker runs its admin HTTP server,
 *                                                  "admin_url":"http://h:8080" (read by the web console)
 * /topics/&lt;topic&gt;                            PERSISTENT {"version":1,"partitions":{"0":[1,2,3],...},"configs":{"k":"v"}}
 * /topics/&lt;topic&gt;/partitions/&lt;p&gt;            PERSISTENT (empty)
 * /topics/&lt;topic&gt;/partitions/&lt;p&gt;/state      PERSISTENT {"version":1,"leader":1,"leaderEpoch":0,"isr":[1,2,3],"unclean":false}
 *                                                  written only by conditional setData(version) or a transaction
 * /topics/&lt;topic&gt;/partitions/&lt;p&gt;/latch      PERSISTENT folder of Curator LeaderLatch participants
 *                                                  (EPHEMERAL_SEQUENTIAL children, data = broker id)
 * /admin/delete_topics/&lt;topic&gt;               PERSISTENT (empty) deletion requested
 * /admin/delete_topics/&lt;topic&gt;/&lt;brokerId&gt;    PERSISTENT (empty) that broker has deleted its local replicas
 * /admin/elections/election-&lt;seq&gt;        PERSISTENT_SEQUENTIAL {"version":1,"type":"preferred"|"unclean",
 *                                                  "partitions":[{"topic":"t","partition":0}]} an on-demand leader
 *                                                  election (ElectLeaders); every broker acts for the replicas it
 *                                                  hosts; the requester deletes it, any broker once it is older than
 *                                                  a minute (see {@code io.ferrymq.coordinator.election.OnDemandElections})
 * /cluster/id                                PERSISTENT {"version":1,"id":"&lt;base64 UUID&gt;"} (see {@link ClusterId})
 * /latest_producer_id_block                  PERSISTENT {"version":1,"broker":1,"block_start":0,"block_end":999}
 *                                                  written only by conditional setData(version) or create
 *                                                  (see {@code io.ferrymq.coordinator.producer.ProducerIdBlocks})
 * /config/users/&lt;user&gt;                     PERSISTENT {"version":1,"config":{"SCRAM-SHA-256":"salt=..,stored_key=..,server_key=..,iterations=4096"}}
 *                                                  Kafka's layout, SENSITIVE (never world-readable); written only by conditional setData(version) or create
 *                                                  (see {@code io.ferrymq.coordinator.credentials.UserConfigZnode})
 * /config/brokers/&lt;id&gt;|&lt;default&gt;       PERSISTENT {"version":1,"config":{"log.segment.bytes":"1048576"}}
 *                                                  Kafka's layout: dynamic broker configs of one broker, or
 *                                                  ({@code <default>}) cluster-wide; watched by every broker;
 *                                                  written only by conditional setData(version) or create
 *                                                  (see {@code io.ferrymq.coordinator.brokerconfig.ZkBrokerConfigs})
 * /log_dir_event_notification/log_dir_event_&lt;seq&gt;  PERSISTENT_SEQUENTIAL {"version":1,"broker":1,"event":1}
 *                                                  a broker's log dir failed (Kafka's notification; the broker
 *                                                  deletes its own when it starts; see registry.LogDirEventNotifications)
 * /kafka-acl/&lt;Topic|Group|Cluster&gt;/&lt;name&gt;   PERSISTENT {"version":1,"acls":[{"principal":"User:alice",
 *                                                  "permissionType":"Allow","operation":"Read","host":"*"}]}
 *                                                  literal ACL bindings of one resource (Kafka's layout)
 * /kafka-acl-extended/prefixed/&lt;Topic|Group|Cluster&gt;/&lt;prefix&gt;  PERSISTENT, same JSON: prefixed bindings
 *                                                  both written only by conditional setData(version), create
 *                                                  or delete(version) (see {@code io.ferrymq.coordinator.acl.ZkAclStore})
 * </pre>
 *
 * <p>With {@code zookeeper.set.acl=true} every node gets {@link ZkAcls#secured} ACLs: creator-all
 * plus world-read, creator-all only under {@link #SENSITIVE_ROOTS}.
 *
 * <p>The partition folder, {@code state} and {@code latch} nodes of a partition are created in one
 * transaction with the topic (or with the partitions added to it), so latches never create parents.
 * A new partition's state is {@code leader=-1, leaderEpoch=-1, isr=<all assigned replicas>}; the
 * first elected leader writes epoch 0. Stateless and thread-safe.
 */
public final class ZkPaths {

    public static final String BROKERS = "/brokers";
    public static final String BROKER_IDS = "/brokers/ids";
    public static final String TOPICS = "/topics";
    public static final String ADMIN = "/admin";
    public static final String DELETE_TOPICS = "/admin/delete_topics";
    public static final String ELECTIONS = "/admin/elections";
    /** The prefix of an election request node; ZooKeeper appends a 10-digit sequence number. */
    public static final String ELECTION_PREFIX = ELECTIONS + "/election-";
    public static final String CLUSTER_ID = "/cluster/id";
    public static final String LATEST_PRODUCER_ID_BLOCK = "/latest_producer_id_block";
    public static final String CONFIG_USERS = "/config/users";
    public static final String CONFIG_BROKERS = "/config/brokers";
    /** The entity name of the cluster-wide dynamic broker configs (Kafka's). */
    public static final String DEFAULT_BROKER_ENTITY = "<default>";
    /** Subtrees holding secrets: only their creator may read them (Kafka: credentials, tokens). */
    public static final List<String> SENSITIVE_ROOTS = List.of(CONFIG_USERS);
    public static final String LOG_DIR_EVENT_NOTIFICATION = "/log_dir_event_notification";
    /** The prefix of a log-dir event node; ZooKeeper appends a 10-digit sequence number. */
    public static final String LOG_DIR_EVENT_PREFIX = LOG_DIR_EVENT_NOTIFICATION + "/log_dir_event_";
    public static final String LITERAL_ACLS = "/kafka-acl";
    public static final String PREFIXED_ACLS = "/kafka-acl-extended/prefixed";

    private ZkPaths() {
    }

    public static String broker(int brokerId) {
        return BROKER_IDS + "/" + brokerId;
    }

    public static String topic(String topic) {
        return TOPICS + "/" + topic;
    }

    public static String partitions(String topic) {
        return topic(topic) + "/partitions";
    }

    public static String partition(TopicPartition tp) {
        return partitions(tp.topic()) + "/" + tp.partition();
    }

    public static String state(TopicPartition tp) {
        return partition(tp) + "/state";
    }

    public static String latch(TopicPartition tp) {
        return partition(tp) + "/latch";
    }

    /** The path of the election request node named {@code child} under {@link #ELECTIONS}. */
    public static String election(String child) {
        return ELECTIONS + "/" + child;
    }

    public static String deleteTopic(String topic) {
        return DELETE_TOPICS + "/" + topic;
    }

    public static String deletionAck(String topic, int brokerId) {
        return deleteTopic(topic) + "/" + brokerId;
    }

    /** Whether {@code path} (relative to the chroot) is a {@link #SENSITIVE_ROOTS sensitive root} or below one. */
    public static boolean isSensitive(String path) {
        return SENSITIVE_ROOTS.stream().anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
    }

    /** The path of {@code user}'s credentials, {@code /config/users/<user>}. */
    public static String user(String user) {
        if (user.isEmpty() || user.contains("/") || user.equals(".") || user.equals("..")) {
            throw new IllegalArgumentException("user name must be non-empty and contain no '/', was '" + user + "'");
        }
        return CONFIG_USERS + "/" + user;
    }

    /** The path of a broker's dynamic configs, {@code /config/brokers/<entity>}: a broker id or {@code <default>}. */
    public static String brokerConfig(String entity) {
        if (!entity.equals(DEFAULT_BROKER_ENTITY) && !entity.matches("\\d+")) {
            throw new IllegalArgumentException("broker config entity must be a broker id or " + DEFAULT_BROKER_ENTITY
                    + ", was '" + entity + "'");
        }
        return CONFIG_BROKERS + "/" + entity;
    }

    /** The entity (broker id or {@code <default>}) a path {@code /config/brokers/<entity>} names, if it is one. */
    public static Optional<String> brokerConfigEntityOf(String path) {
        String[] parts = split(path);
        return parts.length == 3 && parts[0].equals("config") && parts[1].equals("brokers")
                ? Optional.of(parts[2]) : Optional.empty();
    }

    /** The user a path {@code /config/users/<user>} names, if it is exactly such a path. */
    public static Optional<String> userOf(String path) {
        String[] parts = split(path);
        return parts.length == 3 && parts[0].equals("config") && parts[1].equals("users")
                ? Optional.of(parts[2]) : Optional.empty();
    }

    /** The topic a path {@code /topics/<topic>} names, if it is exactly such a path. */
    public static Optional<String> topicOf(String path) {
        String[] parts = split(path);
        return parts.length == 2 && parts[0].equals("topics") ? Optional.of(parts[1]) : Optional.empty();
    }

    /** The partition a path {@code /topics/<topic>/partitions/<p>/state} names, if it is exactly such a path. */
    public static Optional<TopicPartition> partitionOfState(String path) {
        String[] parts = split(path);
        if (parts.length != 5 || !parts[0].equals("topics") || !parts[2].equals("partitions")
                || !parts[4].equals("state")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TopicPartition(parts[1], Integer.parseInt(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the metadata cache keeps {@code path} under {@code /topics}: every node except a
     * partition's {@code latch} and the latch's participants, which only electors read.
     */
    public static boolean isTopicMetadataPath(String path) {
        String[] parts = split(path);
        return !(parts.length >= 5 && parts[0].equals("topics") && parts[2].equals("partitions")
                && parts[4].equals("latch"));
    }

    private static String[] split(String path) {
        return path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
    }
}
