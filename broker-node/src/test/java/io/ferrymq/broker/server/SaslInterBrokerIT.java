package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real brokers whose inter-broker listener is SASL_PLAINTEXT: followers authenticate to the
 * leader as the broker user (created in ZooKeeper first, as {@code ferry users add --zookeeper}
 * does), so an acks=all produce to a replicated topic completes with both replicas in sync. The
 * ISR is never shrunk within the test, so the produce can only complete if the follower fetched.
 */
class SaslInterBrokerIT {

    private static final String BROKER_JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"broker\" password=\"broker-secret\";";

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private final List<Broker> brokers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        try (ZkClient zk = ZkClient.connect(ZkConfig.of(zookeeper.getConnectString()))) {
            ScramMechanism mechanism = ScramMechanism.SCRAM_SHA_512;
            byte[] salt = SaslMechanisms.salt(16);
            new ZkUserCredentials(zk.curator()).alter("broker", Map.of(mechanism, mechanism.credential(salt,
                    mechanism.saltedPassword("broker-secret", salt, 4096), 4096)), Set.of());
        }
    }

    @AfterEach
    void stop() throws IOException {
        brokers.forEach(Broker::close);
        zookeeper.close();
    }

    private Broker startBroker(int id, String jaas) {
        Map<String, String> config = new HashMap<>(Map.of(
                "broker.id", String.valueOf(id),
                "listeners", "PLAINTEXT://127.0.0.1:0,INTERNAL://127.0.0.1:0",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,INTERNAL:SASL_PLAINTEXT",
                "inter.broker.listener.name", "INTERNAL",
                "sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512",
                "sasl.jaas.config", jaas,
                // a follower that cannot authenticate then stays in the ISR and acks=all cannot complete
                "replica.lag.time.max.ms", "300000"));
        Broker broker = SingleBroker.start(dir.resolve("logs-" + id), zookeeper.getConnectString(), config);
        brokers.add(broker);
        return broker;
    }

    @Test
    void followersAuthenticateToTheLeaderAndAcksAllCompletes() throws Exception {
        startBroker(1, BROKER_JAAS);
        startBroker(2, BROKER_JAAS);
        InetSocketAddress plain = brokers.get(0).boundAddress("PLAINTEXT");
        Map<String, Object> props = Map.of("bootstrap.servers", plain.getHostString() + ":" + plain.getPort(),
                "acks", "all", "delivery.timeout.ms", 60_000, "request.timeout.ms", 30_000);
        try (Admin admin = FerryAdmin.create(Map.of("bootstrap.servers", props.get("bootstrap.servers")))) {
            admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 2)));
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(List.of("replicated"))
                    .get("replicated").partitions().get(0).isr().size() == 2);
        }
        try (Producer<String, String> producer = new FerryProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>("replicated", "v")).get(60, TimeUnit.SECONDS).offset())
                    .isZero();
        }
    }

    @Test
    void aBrokerWithoutItsCredentialsOnASaslInterBrokerListenerRefusesToStart() {
        Map<String, String> config = Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0,INTERNAL://127.0.0.1:0",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,INTERNAL:SASL_PLAINTEXT",
                "inter.broker.listener.name", "INTERNAL");

        assertThatThrownBy(() -> SingleBroker.start(dir.resolve("logs-x"), zookeeper.getConnectString(), config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the inter-broker listener INTERNAL uses SASL: set sasl.jaas.config");
    }
}
