package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ferrymq.broker.Broker;
import io.ferrymq.broker.security.AuthorizationAudit;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.common.internals.Requests;
import io.ferrymq.client.common.serialization.StringSerializer;
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
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.JoinGroupResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.security.SaslCredentials;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.tools.acls.AclsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The black-box authorization test of issue #18: two real brokers on an embedded ZooKeeper, every
 * listener SASL_PLAINTEXT, the ACL authorizer on and {@code super.users=User:broker} (the brokers
 * authenticate to each other as that user). Users come from {@code ferry users} (broker, straight to
 * ZooKeeper as for a first user; alice and mallory through the broker); alice holds WRITE and READ on
 * topic {@code t} and READ on group {@code g}, mallory nothing. Each refusal is checked for its
 * exact error and its audit line (principal, operation, resource, host, API); an unauthenticated
 * connection is closed before any handler runs; {@code ferry acls} changes take effect without a
 * restart. One cluster for every case. Not thread-safe (JUnit runs the methods one after another).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslAuthorizationIT {

    private static final String SCRAM = "SCRAM-SHA-256";
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final String BROKER_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"broker\" password=\"broker-secret\";";

    private Path dir;
    private TestingServer zookeeper;
    private final List<Broker> brokers = new ArrayList<>();
    private final List<NetworkChannel> channels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(AuthorizationAudit.LOGGER_NAME);
    private Level auditLevel;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        audit.start();
        auditLevel = auditLogger.getLevel();
        auditLogger.setLevel(Level.INFO);
        auditLogger.addAppender(audit);
        zookeeper = new TestingServer(true);
        addUser("broker", "broker-secret", "--zookeeper", zookeeper.getConnectString());
        for (int id = 1; id <= 2; id++) {
            brokers.add(SingleBroker.start(dir.resolve("logs-" + id), zookeeper.getConnectString(), brokerConfig(id)));
        }
        addUser("alice", "alice-secret", "--bootstrap-server", bootstrap());
        addUser("mallory", "mallory-secret", "--bootstrap-server", bootstrap());
        try (Admin admin = FerryAdmin.create(clientProps("broker", "broker-secret"))) {
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 2)));
            admin.createAcls(List.of(allow("alice", ResourceType.TOPIC, "t", AclOperation.WRITE),
                    allow("alice", ResourceType.TOPIC, "t", AclOperation.READ),
                    allow("alice", ResourceType.GROUP, "g", AclOperation.READ)));
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(List.of("t")).get("t")
                    .partitions().get(0).isr().size() == 2);
        }
    }

    @AfterAll
    void stop() throws Exception {
        channels.forEach(NetworkChannel::close);
        brokers.forEach(Broker::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
        auditLogger.detachAppender(audit);
        auditLogger.setLevel(auditLevel);
    }

    private Map<String, String> brokerConfig(int id) {
        return new HashMap<>(Map.of(
                "broker.id", String.valueOf(id),
                "listeners", "CLIENT://127.0.0.1:0,INTERNAL://127.0.0.1:0",
                "listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT",
                "inter.broker.listener.name", "INTERNAL",
                "sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512",
                "sasl.jaas.config", BROKER_JAAS,
                "authorizer.class.name", "kafka.security.authorizer.AclAuthorizer",
                "super.users", "User:broker"));
    }

    private InetSocketAddress clientAddress(int brokerId) {
        return brokers.get(brokerId - 1).boundAddress("CLIENT");
    }

    private String bootstrap() {
        return clientAddress(1).getHostString() + ":" + clientAddress(1).getPort();
    }

    private Map<String, Object> clientProps(String user, String password) {
        return new HashMap<>(Map.of("bootstrap.servers", bootstrap(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", SCRAM, "sasl.username", user, "sasl.password", password,
                "request.timeout.ms", 30_000));
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(ResourcePattern.literal(type, name),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private void addUser(String user, String password, String... where) throws Exception {
        Path passwordFile = Files.writeString(dir.resolve(user + ".pw"), password + "\n");
        List<String> args = new ArrayList<>(List.of("users", "add", "--user", user, "--mechanism", "SCRAM-SHA-512",
                "--password-file", passwordFile.toString()));
        args.addAll(List.of(where));
        if (where[0].equals("--bootstrap-server")) {
            args.addAll(List.of("--command-property", "security.protocol=SASL_PLAINTEXT",
                    "--command-property", "sasl.mechanism=SCRAM-SHA-512",
                    "--command-property", "sasl.username=broker", "--command-property", "sasl.password=broker-secret"));
        }
        run(new io.ferrymq.broker.cli.UsersCommand(), args.subList(1, args.size()));
        args.set(5, SCRAM);
        run(new io.ferrymq.broker.cli.UsersCommand(), args.subList(1, args.size()));
    }

    private static String run(Object command, List<String> args) {
        CommandLine commandLine = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(e);
            return 1;
        });
        assertThat(commandLine.execute(args.toArray(String[]::new))).as("ferry %s: %s", args, err).isZero();
        return out.toString();
    }

    private NetworkChannel channel(String user, String password) {
        NetworkChannel channel = NetworkChannel.open("authz-it-" + user, 30_000, ClientSecurity.sasl(Optional.empty(),
                new SaslCredentials(SCRAM, user, password)));
        channels.add(channel);
        return channel;
    }

    private static <R extends ApiResponse> R send(NetworkChannel channel, InetSocketAddress to, ApiRequest request,
                                                  Class<R> type) throws Exception {
        return type.cast(Requests.send(channel, to, request).get(30, TimeUnit.SECONDS));
    }

    private void awaitAudit(String user, String operation, String resource, String api) {
        String line = "Principal = User:" + user + " is Denied Operation = " + operation + " from host = 127.0.0.1"
                + " on resource = " + resource + " for request = " + api;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditLines()).anyMatch(
                l -> l.startsWith(line)));
    }

    private List<String> auditLines() {
        synchronized (audit) {
            return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private int leaderId() throws Exception {
        try (Admin admin = FerryAdmin.create(clientProps("broker", "broker-secret"))) {
            return admin.describeTopics(List.of("t")).get("t").partitions().get(0).leader().orElseThrow();
        }
    }

    private static ProduceRequest produceEmpty() {
        return new ProduceRequest((short) 1, 10_000, List.of(new ProduceRequest.PartitionData(T0, RecordSource.EMPTY)));
    }

    private static FetchRequest fetch(int replicaId, long offset) {
        return new FetchRequest(replicaId, 0, 0, 1 << 20, List.of(new FetchRequest.PartitionData(T0, offset, -1, 1 << 20)));
    }

    private ErrorCode produceError(NetworkChannel channel) throws Exception {
        return send(channel, clientAddress(1), produceEmpty(), ProduceResponse.class).partitions().get(0).error();
    }

    @Test
    void aliceProducesAndConsumesTopicT() throws Exception {
        try (FerryProducer<String, String> producer = new FerryProducer<>(clientProps("alice", "alice-secret"),
                new StringSerializer(), new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>("t", "k", "v")).get(60, TimeUnit.SECONDS).offset())
                    .isGreaterThanOrEqualTo(0);
        }
        FetchResponse fetched = send(channel("alice", "alice-secret"), clientAddress(leaderId()),
                fetch(FetchRequest.CONSUMER_REPLICA_ID, 0), FetchResponse.class);
        assertThat(fetched.partitions()).singleElement().satisfies(p -> {
            assertThat(p.error()).isEqualTo(ErrorCode.NONE);
            assertThat(p.highWatermark()).isPositive();
        });
    }

    @Test
    void malloryCannotProduceOrFetchAndEachDenialIsAuditedAndCounted() throws Exception {
        long deniedBefore = deniedCount();
        NetworkChannel mallory = channel("mallory", "mallory-secret");
        assertThat(produceError(mallory)).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
        awaitAudit("mallory", "Write", "Topic:LITERAL:t", "PRODUCE");

        FetchResponse fetched = send(mallory, clientAddress(1), fetch(FetchRequest.CONSUMER_REPLICA_ID, 0),
                FetchResponse.class);
        assertThat(fetched.partitions()).singleElement()
                .satisfies(p -> assertThat(p.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
        awaitAudit("mallory", "Read", "Topic:LITERAL:t", "FETCH");
        assertThat(deniedCount()).isGreaterThanOrEqualTo(deniedBefore + 2);
    }

    /** Broker 1's AuthorizationDeniedPerSec count (it registered its JMX beans first in this JVM). */
    private static long deniedCount() throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        var names = server.queryNames(new ObjectName("*:type=AuthorizerMetrics,name=AuthorizationDeniedPerSec"), null);
        assertThat(names).as("the denial meter in JMX").hasSize(1);
        return (Long) server.getAttribute(names.iterator().next(), "Count");
    }

    @Test
    void aReplicaFetchForgedByAliceIsRefusedAndMovesNothing() throws Exception {
        int leader = leaderId();
        int follower = 3 - leader;
        NetworkChannel alice = channel("alice", "alice-secret");
        long highWatermark = send(alice, clientAddress(leader), fetch(FetchRequest.CONSUMER_REPLICA_ID, 0),
                FetchResponse.class).partitions().get(0).highWatermark();

        FetchResponse forged = send(alice, clientAddress(leader), fetch(follower, highWatermark + 1_000),
                FetchResponse.class);

        assertThat(forged.error()).isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
        assertThat(forged.partitions()).allSatisfy(p -> assertThat(p.error())
                .isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED));
        awaitAudit("alice", "ClusterAction", "Cluster:LITERAL:kafka-cluster", "FETCH");
        assertThat(send(alice, clientAddress(leader), fetch(FetchRequest.CONSUMER_REPLICA_ID, 0), FetchResponse.class)
                .partitions().get(0).highWatermark()).isEqualTo(highWatermark);
    }

    @Test
    void malloryCannotJoinOrCommitForGroupG() throws Exception {
        NetworkChannel mallory = channel("mallory", "mallory-secret");
        JoinGroupResponse join = send(mallory, clientAddress(1), new JoinGroupRequest("g", 10_000, 10_000, "",
                "consumer", List.of(new JoinGroupRequest.Protocol("range", new byte[0]))), JoinGroupResponse.class);
        assertThat(join.error()).isEqualTo(ErrorCode.GROUP_AUTHORIZATION_FAILED);
        awaitAudit("mallory", "Read", "Group:LITERAL:g", "JOIN_GROUP");

        OffsetCommitResponse commit = send(mallory, clientAddress(1), new OffsetCommitRequest("g", -1, "", List.of(
                new OffsetCommitRequest.PartitionData(T0, 1L, -1, ""))), OffsetCommitResponse.class);
        assertThat(commit.partitions()).singleElement()
                .satisfies(p -> assertThat(p.error()).isEqualTo(ErrorCode.GROUP_AUTHORIZATION_FAILED));
        awaitAudit("mallory", "Read", "Group:LITERAL:g", "OFFSET_COMMIT");
    }

    @Test
    void malloryCannotCreateOrDeleteTopicsOrChangeAcls() {
        try (Admin admin = FerryAdmin.create(clientProps("mallory", "mallory-secret"))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("m", 1, (short) 1))))
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
            awaitAudit("mallory", "Create", "Topic:LITERAL:m", "CREATE_TOPICS");
            assertThatThrownBy(() -> admin.deleteTopics(List.of("t"))).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.error()).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED));
            awaitAudit("mallory", "Delete", "Topic:LITERAL:t", "DELETE_TOPICS");
            assertThatThrownBy(() -> admin.createAcls(List.of(allow("mallory", ResourceType.TOPIC, "t",
                    AclOperation.ALL)))).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.error()).isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED));
            awaitAudit("mallory", "Alter", "Cluster:LITERAL:kafka-cluster", "CREATE_ACLS");
        }
    }

    @Test
    void anUnauthenticatedConnectionIsClosedBeforeAnyHandlerRuns() {
        NetworkChannel anonymous = NetworkChannel.open("authz-it-anonymous", 30_000, ClientSecurity.PLAINTEXT);
        channels.add(anonymous);
        assertThatThrownBy(() -> send(anonymous, clientAddress(1), produceEmpty(), ProduceResponse.class))
                .isInstanceOf(ExecutionException.class);
        assertThat(auditLines()).noneMatch(l -> l.contains("User:ANONYMOUS"));
    }

    @Test
    void ferryAclsGrantsAndRevokesWithoutARestart() throws Exception {
        NetworkChannel mallory = channel("mallory", "mallory-secret");
        assertThat(produceError(mallory)).isEqualTo(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
        Path commandConfig = Files.writeString(dir.resolve("broker.properties"), String.join("\n",
                "security.protocol=" + SecurityProtocol.SASL_PLAINTEXT.name(), "sasl.mechanism=" + SCRAM,
                "sasl.username=broker", "sasl.password=broker-secret", ""));
        List<String> target = List.of("--topic", "t", "--bootstrap-server", bootstrap(),
                "--command-config", commandConfig.toString());

        run(new AclsCommand(), concat(List.of("add", "--allow-principal", "User:mallory", "--operation", "Write"),
                target));
        await().atMost(Duration.ofSeconds(30)).until(() -> produceError(mallory) != ErrorCode.TOPIC_AUTHORIZATION_FAILED);

        run(new AclsCommand(), concat(List.of("remove", "--allow-principal", "User:mallory", "--operation", "Write"),
                target));
        await().atMost(Duration.ofSeconds(30)).until(() -> produceError(mallory) == ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
