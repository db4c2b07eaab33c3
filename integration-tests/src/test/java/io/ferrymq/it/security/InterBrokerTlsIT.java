package io.ferrymq.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.producer.RecordMetadata;
import io.ferrymq.common.security.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real brokers whose only listener is TLS with client certificates required
 * ({@code security.inter.broker.protocol=SSL}): followers fetch from leaders over TLS, presenting
 * their own certificates. With {@code min.insync.replicas=3}, an acks=all produce succeeds only when
 * both followers replicate, so every acknowledged record proves inter-broker TLS works.
 */
class InterBrokerTlsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private final List<Broker> brokers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        brokers.forEach(Broker::close);
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    private Broker start(int id, TestCertificates certs) {
        Map<String, String> config = new HashMap<>(certs.brokerSsl(TestCertificates.BROKER));
        config.putAll(Map.of(
                "broker.id", String.valueOf(id),
                "listeners", "SSL://127.0.0.1:0",
                "security.inter.broker.protocol", "SSL",
                "ssl.client.auth", "required",
                "min.insync.replicas", "3",
                "log.dirs", dir.resolve("broker-" + id).toString(),
                "zookeeper.connect", zookeeper.getConnectString(),
                "zookeeper.session.timeout.ms", "10000",
                "num.network.threads", "1",
                "num.io.threads", "2"));
        Broker broker = Broker.start(BrokerConfig.of(config));
        brokers.add(broker);
        return broker;
    }

    @Test
    void acksAllRecordsAreReplicatedToBothFollowersOverTls() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        zookeeper = new TestingServer(true);
        for (int id = 1; id <= 3; id++) {
            start(id, certs);
        }
        Map<String, Object> client = new HashMap<>(certs.clientSsl(TestCertificates.CLIENT));
        client.put("bootstrap.servers", "localhost:" + brokers.get(0).boundAddress("SSL").getPort());
        client.put("security.protocol", "SSL");
        try (Admin admin = FerryAdmin.create(client)) {
            await().atMost(WAIT).until(() -> admin.describeCluster().nodes().size() == 3);
            admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3)));
            await().atMost(WAIT).until(() -> admin.describeTopics(List.of("replicated")).get("replicated").partitions()
                    .stream().allMatch(p -> p.leader().isPresent() && p.isr().size() == 3));
        }
        Map<String, Object> producerProps = new HashMap<>(client);
        producerProps.put("acks", "all");
        try (FerryProducer<String, String> producer = new FerryProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 20; i++) {
                RecordMetadata acked = producer.send(new ProducerRecord<>("replicated", "k", "v" + i))
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(acked.offset()).isEqualTo(i);
            }
        }
    }
}
