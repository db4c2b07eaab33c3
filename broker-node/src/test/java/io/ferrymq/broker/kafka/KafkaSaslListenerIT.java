package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.Broker;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka listener over SASL_PLAINTEXT on one real broker: kafka-clients' Admin and producer
 * authenticate with SCRAM-SHA-512 against a user written to ZooKeeper (SaslHandshake, then
 * SaslAuthenticate in Kafka's framing) and are served; Kafka's Admin adds a SCRAM user (KIP-554) who
 * then authenticates; a wrong password is refused with Kafka's authentication error.
 */
class KafkaSaslListenerIT {

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        try (ZkClient zk = ZkClient.connect(ZkConfig.of(zookeeper.getConnectString()))) {
            ScramMechanism mechanism = ScramMechanism.SCRAM_SHA_512;
            byte[] salt = SaslMechanisms.salt(16);
            new ZkUserCredentials(zk.curator()).alter("alice", Map.of(mechanism, mechanism.credential(salt,
                    mechanism.saltedPassword("alice-secret", salt, 4096), 4096)), Set.of());
        }
        broker = KafkaBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0,KAFKA_SASL://127.0.0.1:0",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,KAFKA_SASL:SASL_PLAINTEXT",
                "kafka.listener.names", "KAFKA_SASL",
                "sasl.enabled.mechanisms", "SCRAM-SHA-512"));
    }

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    private Properties clientProperties(String password) {
        return clientProperties("alice", password);
    }

    private Properties clientProperties(String user, String password) {
        InetSocketAddress address = broker.boundAddress("KAFKA_SASL");
        Properties props = new Properties();
        props.put("bootstrap.servers", address.getHostString() + ":" + address.getPort());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + user + "\" password=\"" + password + "\";");
        return props;
    }

    @Test
    void kafkaClientsAuthenticateWithScramAndAreServed() throws Exception {
        try (Admin admin = Admin.create(clientProperties("alice-secret"))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties props = clientProperties("alice-secret");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            RecordMetadata first = producer.send(new ProducerRecord<>("secured", "k", "v1")).get(30, TimeUnit.SECONDS);
            RecordMetadata second = producer.send(new ProducerRecord<>("secured", "k", "v2")).get(30, TimeUnit.SECONDS);
            assertThat(List.of(first.offset(), second.offset())).containsExactly(0L, 1L);
        }
    }

    @Test
    void kafkasAdminManagesScramUsersWhoThenAuthenticate() throws Exception {
        try (Admin admin = Admin.create(clientProperties("alice", "alice-secret"))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("bob",
                    new ScramCredentialInfo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192),
                    "bob-secret"))).all().get(30, TimeUnit.SECONDS);
            UserScramCredentialsDescription bob = admin.describeUserScramCredentials(List.of("bob"))
                    .description("bob").get(30, TimeUnit.SECONDS);
            assertThat(bob.credentialInfos()).containsExactly(
                    new ScramCredentialInfo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192));
        }
        try (Admin admin = Admin.create(clientProperties("bob", "bob-secret"))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithKafkasAuthenticationError() {
        Properties props = clientProperties("not-her-password");
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
