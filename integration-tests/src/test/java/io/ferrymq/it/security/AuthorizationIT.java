package io.ferrymq.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.common.internals.Requests;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.NetworkChannel;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.JoinGroupResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.coordinator.acl.ZkAclStore;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broker process with {@code authorizer.class.name} set (Kafka's class name) and real sockets:
 * every client here connects over PLAINTEXT, so its principal is {@code User:ANONYMOUS}, which the
 * ACLs (written to ZooKeeper at start, as kafka-acls --authorizer-properties would) allow on the
 * cluster, topic {@code granted} and group {@code granted-group}, and nothing else. Denied produce,
 * fetch, forged replica fetch, group join and commit, and admin calls each answer Kafka's error and
 * leave an audit line in the broker's log; {@code ferry acls} changes what is allowed without a
 * restart. Not thread-safe (JUnit runs the methods one after the other).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationIT {

    private static final Duration CALL = Duration.ofSeconds(60);
    private static final String ANONYMOUS = "User:ANONYMOUS";
    private static final TopicPartition GRANTED = new TopicPartition("granted", 0);
    private static final TopicPartition DENIED = new TopicPartition("denied", 0);

    private Path work;
    private FerryCluster cluster;
    private NetworkChannel channel;
    private InetSocketAddress broker;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(1)
                .brokerConfig("authorizer.class.name", "kafka.security.authorizer.AclAuthorizer").start();
        grant(List.of(
                allow(ResourcePattern.cluster(), AclOperation.ALTER),
                allow(ResourcePattern.cluster(), AclOperation.DESCRIBE),
                allow(ResourcePattern.cluster(), AclOperation.CREATE),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "granted"), AclOperation.WRITE),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "granted"), AclOperation.READ),
                allow(ResourcePattern.literal(ResourceType.GROUP, "granted-group"), AclOperation.READ)));
        try (Admin admin = FerryAdmin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("granted", 1, (short) 1), new NewTopic("denied", 1, (short) 1),
                    new NewTopic("late", 1, (short) 1), new NewTopic("team.orders", 1, (short) 1)));
        }
        channel = NetworkChannel.open("authorization-it", 30_000, ClientSecurity.PLAINTEXT);
        broker = new InetSocketAddress("127.0.0.1", cluster.brokers().get(0).port());
    }

    @AfterAll
    void stop() {
        if (channel != null) {
            channel.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static AclBinding allow(ResourcePattern pattern, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(ANONYMOUS, "*", operation, AclPermissionType.ALLOW));
    }

    private void grant(List<AclBinding> bindings) {
        ZkConfig config = new ZkConfig(cluster.zookeeperConnect(), Duration.ofSeconds(10), Duration.ofSeconds(10), 3,
                Duration.ofMillis(100));
        try (ZkClient zk = ZkClient.connect(config)) {
            new ZkAclStore(zk.curator(), 10_000).add(bindings);
        }
    }

    private <R extends ApiResponse> R send(ApiRequest request, Class<R> type) throws Exception {
        return type.cast(Requests.send(channel, broker, request).get(30, TimeUnit.SECONDS));
    }

    private void awaitAudit(String fragment) {
        Path log = cluster.brokers().get(0).logFile();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readLog(log)).contains(fragment));
    }

    private static String readLog(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String denied(String operation, String resource, String api) {
        return "Principal = " + ANONYMOUS + " is Denied Operation = " + operation + " from host = 127.0.0.1 on resource = "
                + resource + " for request = " + api;
    }

    @Test
    void produceToAGrantedTopicWorksAndToADeniedOneFails() throws Exception {
        try (FerryProducer<String, String> producer = new FerryProducer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>("granted", "k", "v")).get(60, TimeUnit.SECONDS).offset())
                    .isGreaterThanOrEqualTo(0);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("denied", "k", "v")).get(60, TimeUnit.SECONDS))
                    .hasStackTraceContaining("TOPIC_AUTHORIZATION_FAILED: Cannot send to topic denied");
        }
        ProduceResponse response = send(new ProduceRequest((short) 1, 10_000, List.of(
                new ProduceRequest.PartitionData(DENIED, RecordSource.EMPTY))), ProduceResponse.class);
        assertThat(response.partitions()).singleElement()
                .satisfies(p -> assertThat(p.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        awaitAudit(denied("Write", "Topic:LITERAL:denied", "PRODUCE"));
    }

    @Test
    void aConsumerFetchAnswersPerPartition() throws Exception {
        FetchResponse response = send(new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 0, 0, 1 << 20, List.of(
                new FetchRequest.PartitionData(GRANTED, 0L, -1, 1 << 20),
                new FetchRequest.PartitionData(DENIED, 0L, -1, 1 << 20))), FetchResponse.class);
        assertThat(response.partitions()).extracting(FetchResponse.PartitionData::topicPartition,
                FetchResponse.PartitionData::error).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(GRANTED, ErrorCode.NONE),
                org.assertj.core.groups.Tuple.tuple(DENIED, ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        awaitAudit(denied("Read", "Topic:LITERAL:denied", "FETCH"));
    }

    @Test
    void aForgedReplicaFetchIsRefusedWithClusterAuthorizationFailed() throws Exception {
        FetchResponse response = send(new FetchRequest(1, 0, 0, 1 << 20, List.of(
                new FetchRequest.PartitionData(GRANTED, 0L, -1, 1 << 20))), FetchResponse.class);
        assertThat(response.error()).isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
        assertThat(response.partitions()).allSatisfy(p -> assertThat(p.error())
                .isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED));
        awaitAudit(denied("ClusterAction", "Cluster:LITERAL:kafka-cluster", "FETCH"));
    }

    @Test
    void groupJoinAndCommitNeedReadOnTheGroupAndTopic() throws Exception {
        JoinGroupResponse join = send(new JoinGroupRequest("denied-group", 10_000, 10_000, "", "consumer",
                List.of(new JoinGroupRequest.Protocol("range", new byte[0]))), JoinGroupResponse.class);
        assertThat(join.error()).isEqualTo(ErrorCode.GROUP_AUTHORIZATION_FAILED);
        awaitAudit(denied("Read", "Group:LITERAL:denied-group", "JOIN_GROUP"));

        OffsetCommitResponse commit = send(new OffsetCommitRequest("granted-group", -1, "", List.of(
                new OffsetCommitRequest.PartitionData(DENIED, 1L, -1, ""))), OffsetCommitResponse.class);
        assertThat(commit.partitions()).singleElement()
                .satisfies(p -> assertThat(p.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        awaitAudit(denied("Read", "Topic:LITERAL:denied", "OFFSET_COMMIT"));
    }

    @Test
    void adminCallsNeedTheirOperation() throws Exception {
        DeleteTopicsResponse delete = send(new DeleteTopicsRequest(List.of("denied"), 10_000),
                DeleteTopicsResponse.class);
        assertThat(delete.topics()).singleElement()
                .satisfies(t -> assertThat(t.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        awaitAudit(denied("Delete", "Topic:LITERAL:denied", "DELETE_TOPICS"));

        CreatePartitionsResponse grow = send(new CreatePartitionsRequest(List.of(
                new CreatePartitionsRequest.TopicSpec("granted", 2)), 10_000, false), CreatePartitionsResponse.class);
        assertThat(grow.topics()).singleElement()
                .satisfies(t -> assertThat(t.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        awaitAudit(denied("Alter", "Topic:LITERAL:granted", "CREATE_PARTITIONS"));
    }

    @Test
    void ferryAclsChangesWhatIsAllowedWithoutARestart() throws Exception {
        assertThat(produceErrorTo("late")).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
        FerryLauncher.Result added = ferry("acls-add", "acls", "add", "--allow-principal", ANONYMOUS,
                "--operation", "Write", "--topic", "late");
        assertThat(added.exitCode()).as(added.toString()).isZero();
        await().atMost(CALL).until(() -> produceErrorTo("late") != ErrorCode.TOPIC_AUTHORIZATION_FAILED);

        FerryLauncher.Result listed = ferry("acls-list", "acls", "list", "--topic", "late");
        assertThat(listed.stdout()).contains("ResourcePattern(resourceType=TOPIC, name=late, patternType=LITERAL)")
                .contains("(principal=User:ANONYMOUS, host=*, operation=WRITE, permissionType=ALLOW)");

        FerryLauncher.Result removed = ferry("acls-remove", "acls", "remove", "--topic", "late");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.stdout()).contains("operation=WRITE");
        await().atMost(CALL).until(() -> produceErrorTo("late") == ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    }

    @Test
    void aDenyAddedWithFerryAclsWinsOverAPrefixedAllow() throws Exception {
        FerryLauncher.Result prefixed = ferry("acls-add-prefixed", "acls", "add", "--allow-principal", ANONYMOUS,
                "--topic", "team.", "--resource-pattern-type", "prefixed");
        assertThat(prefixed.exitCode()).as(prefixed.toString()).isZero();
        await().atMost(CALL).until(() -> produceErrorTo("team.orders") != ErrorCode.TOPIC_AUTHORIZATION_FAILED);

        FerryLauncher.Result deny = ferry("acls-add-deny", "acls", "add", "--deny-principal", ANONYMOUS,
                "--operation", "Write", "--topic", "team.orders");
        assertThat(deny.exitCode()).as(deny.toString()).isZero();
        await().atMost(CALL).until(() -> produceErrorTo("team.orders") == ErrorCode.TOPIC_AUTHORIZATION_FAILED);
        awaitAudit(denied("Write", "Topic:LITERAL:team.orders", "PRODUCE") + " (denied by");
    }

    private ErrorCode produceErrorTo(String topic) throws Exception {
        ProduceResponse response = send(new ProduceRequest((short) 1, 10_000, List.of(
                new ProduceRequest.PartitionData(new TopicPartition(topic, 0), RecordSource.EMPTY))), ProduceResponse.class);
        return response.partitions().get(0).error();
    }

    private FerryLauncher.Result ferry(String name, String... args) {
        String[] withBootstrap = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--bootstrap-server", cluster.bootstrapServers())).toArray(String[]::new);
        return FerryLauncher.run(work, name, CALL, withBootstrap);
    }
}
