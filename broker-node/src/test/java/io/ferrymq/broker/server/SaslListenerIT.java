package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.cli.UsersCommand;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.network.BrokerConnection;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.ApiVersionsResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.security.SaslCredentials;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.TestCertificates;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One real broker with a PLAINTEXT (inter-broker) and a SASL_PLAINTEXT listener on an embedded
 * ZooKeeper: SCRAM and PLAIN clients authenticate against credentials written to ZooKeeper and are
 * then served; a wrong password, a request before authentication and an oversized pre-authentication
 * frame are refused.
 */
class SaslListenerIT {

    private static final int SASL_MAX_RECEIVE = 4096;

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private NetworkClient client;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        try (ZkClient zk = ZkClient.connect(ZkConfig.of(zookeeper.getConnectString()))) {
            for (ScramMechanism mechanism : ScramMechanism.values()) {
                byte[] salt = SaslMechanisms.salt(16);
                new ZkUserCredentials(zk.curator()).alter("alice", Map.of(mechanism, mechanism.credential(salt,
                        mechanism.saltedPassword("alice-secret", salt, 4096), 4096)), Set.of());
            }
        }
        Map<String, String> config = new HashMap<>(TestCertificates.shared().brokerSsl(TestCertificates.BROKER));
        config.putAll(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0,SASL_SSL://127.0.0.1:0",
                "sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512,PLAIN",
                "sasl.server.max.receive.size", String.valueOf(SASL_MAX_RECEIVE)));
        broker = SingleBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), config);
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    private InetSocketAddress saslAddress() {
        return broker.boundAddress("SASL_PLAINTEXT");
    }

    private BrokerConnection connect(String mechanism, String password) throws Exception {
        SaslCredentials credentials = new SaslCredentials(mechanism, "alice", password);
        client = new NetworkClient(NetworkConfig.defaults("sasl-it")
                .withSecurity(ClientSecurity.sasl(Optional.empty(), credentials)));
        return client.connect(saslAddress().getHostString(), saslAddress().getPort()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void scramAndPlainClientsAreServedAfterAuthenticating() throws Exception {
        for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN")) {
            BrokerConnection connection = connect(mechanism, "alice-secret");
            MetadataResponse metadata = connection.send(MetadataRequest.forAllTopics(), MetadataResponse.class)
                    .get(30, TimeUnit.SECONDS);
            assertThat(metadata.brokers()).as(mechanism).hasSize(1);
            client.close();
            client = null;
        }
    }

    private Map<String, Object> clientProps(Map<String, Object> sasl) {
        Map<String, Object> props = new HashMap<>(sasl);
        props.put("bootstrap.servers", saslAddress().getHostString() + ":" + saslAddress().getPort());
        props.put("security.protocol", "SASL_PLAINTEXT");
        return props;
    }

    @Test
    void adminProducerAndConsumerWorkOverSaslWithJaasOrSimpleCredentials() throws Exception {
        Map<String, Object> jaas = clientProps(Map.of("sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
                        + "password=\"alice-secret\";"));
        Map<String, Object> simple = clientProps(Map.of("sasl.mechanism", "PLAIN", "sasl.username", "alice",
                "sasl.password", "alice-secret"));
        try (Admin admin = FerryAdmin.create(jaas)) {
            admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1)));
        }
        try (Producer<String, String> producer = new FerryProducer<>(jaas, new StringSerializer(), new StringSerializer())) {
            for (String value : List.of("a", "b", "c")) {
                producer.send(new ProducerRecord<>("secured", value)).get(30, TimeUnit.SECONDS);
            }
        }
        List<String> values = new ArrayList<>();
        try (Consumer<String, String> consumer = new FerryConsumer<>(simple, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("secured", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < 3 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        assertThat(values).containsExactly("a", "b", "c");
    }

    @Test
    void saslSslAuthenticatesOverTls() throws Exception {
        InetSocketAddress address = broker.boundAddress("SASL_SSL");
        Map<String, Object> props = new HashMap<>(TestCertificates.shared().clientSsl(null));
        props.putAll(Map.of("bootstrap.servers", address.getHostString() + ":" + address.getPort(),
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.username", "alice", "sasl.password", "alice-secret"));
        try (Admin admin = FerryAdmin.create(props)) {
            admin.createTopics(List.of(new NewTopic("over-tls", 1, (short) 1)));
            assertThat(admin.listTopics()).contains("over-tls");
        }
        props.put("sasl.password", "guess");
        try (Admin admin = FerryAdmin.create(props)) {
            assertThatThrownBy(admin::listTopics).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.error()).isEqualTo(ErrorCode.SASL_AUTHENTICATION_FAILED));
        }
    }

    @Test
    void anAdminWithAWrongPasswordFailsAtOnceInsteadOfRetrying() {
        Map<String, Object> props = clientProps(Map.of("sasl.mechanism", "SCRAM-SHA-256", "sasl.username", "alice",
                "sasl.password", "guess", "default.api.timeout.ms", 60_000));
        try (Admin admin = FerryAdmin.create(props)) {
            // a retried failure would end as a TimeoutException after default.api.timeout.ms
            assertThatThrownBy(admin::listTopics).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.error()).isEqualTo(ErrorCode.SASL_AUTHENTICATION_FAILED));
        }
    }

    private static String ferryUsers(String... args) {
        CommandLine commandLine = new CommandLine(new UsersCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(e.getMessage());
            return 1;
        });
        int exit = commandLine.execute(args);
        assertThat(exit).as("ferry users %s: %s", List.of(args), err).isZero();
        return out.toString();
    }

    @Test
    void usersAddedListedAndRemovedThroughTheBrokerCanThenLogInAndThenNot() throws Exception {
        String bootstrap = broker.boundAddress("PLAINTEXT").getHostString() + ":"
                + broker.boundAddress("PLAINTEXT").getPort();
        Path passwordFile = Files.writeString(dir.resolve("bob.pw"), "bob-secret\n");

        ferryUsers("add", "--bootstrap-server", bootstrap, "--user", "bob", "--mechanism", "SCRAM-SHA-256",
                "--password-file", passwordFile.toString());
        assertThat(ferryUsers("list", "--bootstrap-server", bootstrap).lines()).containsExactly(
                "alice\tSCRAM-SHA-256\titerations=4096", "alice\tSCRAM-SHA-512\titerations=4096",
                "bob\tSCRAM-SHA-256\titerations=4096");
        SaslCredentials bob = new SaslCredentials("SCRAM-SHA-256", "bob", "bob-secret");
        client = new NetworkClient(NetworkConfig.defaults("users-it")
                .withSecurity(ClientSecurity.sasl(Optional.empty(), bob)));
        await().atMost(Duration.ofSeconds(30)).until(() -> connects());

        Path aliceConfig = Files.writeString(dir.resolve("alice.properties"), "security.protocol=SASL_PLAINTEXT\n"
                + "sasl.mechanism=SCRAM-SHA-256\nsasl.username=alice\nsasl.password=alice-secret\n");
        ferryUsers("remove", "--bootstrap-server", saslAddress().getHostString() + ":" + saslAddress().getPort(),
                "--command-config", aliceConfig.toString(), "--user", "bob");
        await().atMost(Duration.ofSeconds(30)).until(() -> !connects());
        assertThat(ferryUsers("list", "--bootstrap-server", bootstrap)).doesNotContain("bob");
    }

    /** Whether the client authenticates on a new connection now. */
    private boolean connects() throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            client.connect(saslAddress().getHostString(), saslAddress().getPort()).get(30, TimeUnit.SECONDS).close();
            return true;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
            return false;
        }
    }

    @Test
    void framesAboveThePreAuthenticationCapAreServedOnceAuthenticated() throws Exception {
        BrokerConnection connection = connect("SCRAM-SHA-256", "alice-secret");
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            topics.add("unknown-topic-with-a-long-name-" + "x".repeat(40) + i);
        }

        MetadataResponse metadata = connection.send(MetadataRequest.forTopics(topics, false), MetadataResponse.class)
                .get(30, TimeUnit.SECONDS);

        assertThat(topics.stream().mapToInt(String::length).sum()).isGreaterThan(SASL_MAX_RECEIVE);
        assertThat(metadata.topics()).hasSize(200)
                .allSatisfy(t -> assertThat(t.error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
    }

    @Test
    void aWrongPasswordFailsTheConnectionWithANonRetriableError() {
        assertThatThrownBy(() -> connect("SCRAM-SHA-512", "guess"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.SASL_AUTHENTICATION_FAILED);
                    assertThat(e.isRetriable()).isFalse();
                })
                .hasMessageContaining("invalid username or password");
    }

    @Test
    void aRequestBeforeAuthenticationClosesTheConnectionButApiVersionsIsAnswered() throws IOException {
        try (RawClient raw = new RawClient(saslAddress())) {
            raw.send(new ApiVersionsRequest("raw", "1"), 1);
            assertThat(((ApiVersionsResponse) raw.read(ApiKey.API_VERSIONS).body()).error()).isEqualTo(ErrorCode.NONE);

            raw.send(MetadataRequest.forAllTopics(), 2);
            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    @Test
    void anOversizedPreAuthenticationFrameIsRefusedAtItsLengthPrefix() throws IOException {
        try (RawClient raw = new RawClient(saslAddress())) {
            ByteArrayOutputStream prefix = new ByteArrayOutputStream();
            new DataOutputStream(prefix).writeInt(SASL_MAX_RECEIVE + 1);
            raw.sendRaw(prefix.toByteArray());

            assertThat(raw.isClosedByServer()).isTrue();
        }
    }

    /**
     * Forty unauthenticated connections each announce a 64 MiB frame (within socket.request.max.bytes)
     * and push 8 MiB of it: refused at the prefix, the broker buffers none of it. Without the
     * pre-authentication cap it would hold the 320 MiB sent until each frame completed.
     */
    @Test
    void oversizedPreAuthenticationFramesDoNotGrowTheBrokersMemory() throws IOException {
        long before = memoryInUse();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(saslAddress().getAddress(), saslAddress().getPort());
                sockets.add(socket);
                pushPartialFrame(socket, 64 << 20, 8 << 20);
            }
            long grown = memoryInUse() - before;

            assertThat(grown).as("heap + direct memory grown while 40 x 8 MiB of unauthenticated frames were sent")
                    .isLessThan(64L << 20);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Writes a frame length prefix and up to {@code bodyBytes} of its body; stops when the broker has closed. */
    private static void pushPartialFrame(Socket socket, int announced, int bodyBytes) {
        byte[] chunk = new byte[64 << 10];
        try {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(announced);
            for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
        } catch (IOException closedByBroker) {
            return;
        }
    }

    /** Heap in use after a collection, plus direct memory (the JDK's buffer pools and Netty's own), in bytes. */
    private static long memoryInUse() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return heap + jdkDirect + Math.max(0, PlatformDependent.usedDirectMemory());
    }
}
