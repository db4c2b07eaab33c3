package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.Broker;
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
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
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
        broker = SingleBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0",
                "sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512,PLAIN",
                "sasl.server.max.receive.size", String.valueOf(SASL_MAX_RECEIVE)));
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
}
