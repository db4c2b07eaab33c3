package io.ferrymq.it.security;

import static io.ferrymq.common.security.TestCertificates.BROKER;
import static io.ferrymq.common.security.TestCertificates.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.cluster.ClusterMetadata;
import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.client.producer.RecordMetadata;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.security.SslConfigKeys;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.common.security.SslSettings;
import io.ferrymq.common.security.TestCertificates;
import io.ferrymq.common.config.ConfigDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real broker with a listener per case, all but PLAINTEXT over TLS: SSL (the CA-signed
 * certificate), MTLS (the same, client certificates required), and EXPIRED, WRONGHOST and UNTRUSTED
 * presenting the bad certificates of {@link TestCertificates} through {@code listener.name.*}
 * overrides. Clients trust the CA and verify host names. Produce and consume work over TLS;
 * Metadata answers with the caller's listener; every bad certificate, a plaintext client on a TLS
 * port and a certificate-less client on a client-auth listener are refused, and the broker keeps
 * serving.
 */
class TlsListenersIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> LISTENERS = List.of("PLAINTEXT", "SSL", "MTLS", "EXPIRED", "WRONGHOST", "UNTRUSTED");

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static TestingServer zookeeper;
    private static Broker broker;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.shared();
        zookeeper = new TestingServer(true);
        Map<String, String> config = new HashMap<>(certs.brokerSsl(BROKER));
        config.putAll(Map.of(
                "broker.id", "1",
                "listeners", String.join(",", LISTENERS.stream().map(l -> l + "://127.0.0.1:0").toList()),
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SSL:SSL,MTLS:SSL,EXPIRED:SSL,WRONGHOST:SSL,UNTRUSTED:SSL",
                "listener.name.mtls.ssl.client.auth", "required",
                "listener.name.expired.ssl.keystore.location", certs.keyStore(TestCertificates.EXPIRED).toString(),
                "listener.name.wronghost.ssl.keystore.location", certs.keyStore(TestCertificates.WRONG_HOST).toString(),
                "listener.name.untrusted.ssl.keystore.location", certs.keyStore(TestCertificates.UNTRUSTED).toString(),
                "log.dirs", dir.resolve("logs").toString(),
                "zookeeper.connect", zookeeper.getConnectString()));
        config.putAll(Map.of("num.network.threads", "1", "num.io.threads", "2", "zookeeper.session.timeout.ms", "10000"));
        broker = Broker.start(BrokerConfig.of(config));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    private static String bootstrap(String listener) {
        return "localhost:" + broker.boundAddress(listener).getPort();
    }

    /** Client settings for {@code listener}: SSL trusting the CA (with key store {@code keyStore} unless null). */
    private static Map<String, Object> sslClient(String listener, String keyStore) {
        Map<String, Object> props = new HashMap<>(certs.clientSsl(keyStore));
        props.put("bootstrap.servers", bootstrap(listener));
        props.put("security.protocol", "SSL");
        return props;
    }

    private static ClientSecurity sslSecurity(String keyStore) {
        ConfigDefinition definition = SslConfigKeys.defineInto(new ConfigDefinition(), "test");
        return ClientSecurity.ssl(new SslEngineFactory(SslSettings.forClient(definition.parse(certs.clientSsl(keyStore)))));
    }

    @Test
    void recordsProducedOverTlsAreConsumedOverTls() throws Exception {
        try (Admin admin = FerryAdmin.create(sslClient("SSL", null))) {
            admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1)));
            await().atMost(WAIT).until(() -> admin.describeTopics(List.of("secured")).get("secured").partitions()
                    .stream().allMatch(p -> p.leader().isPresent()));
        }
        try (FerryProducer<String, String> producer = new FerryProducer<>(sslClient("SSL", null),
                new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                acks.add(producer.send(new ProducerRecord<>("secured", "k" + i, "v" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        Map<String, Object> consumerProps = sslClient("MTLS", CLIENT);
        consumerProps.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (FerryConsumer<String, String> consumer = new FerryConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("secured", 0)));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= 10;
            });
        }
        assertThat(values).containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void metadataAnswersWithTheEndpointOfTheListenerTheCallerUsed() {
        List<BrokerNode> plain = ClusterMetadata.fetch(bootstrap("PLAINTEXT"), WAIT).brokers();
        List<BrokerNode> tls = ClusterMetadata.fetch(bootstrap("SSL"), WAIT, sslSecurity(null)).brokers();
        List<BrokerNode> mutual = ClusterMetadata.fetch(bootstrap("MTLS"), WAIT, sslSecurity(CLIENT)).brokers();

        assertThat(plain).extracting(BrokerNode::port).containsExactly(broker.boundAddress("PLAINTEXT").getPort());
        assertThat(tls).extracting(BrokerNode::port).containsExactly(broker.boundAddress("SSL").getPort());
        assertThat(mutual).extracting(BrokerNode::port).containsExactly(broker.boundAddress("MTLS").getPort());
    }

    @Test
    void expiredWrongHostAndUntrustedCertificatesAreRefusedByTheClient() {
        assertThatThrownBy(() -> ClusterMetadata.fetch(bootstrap("EXPIRED"), WAIT, sslSecurity(null)))
                .hasMessageContaining("TLS handshake with").hasMessageContaining("CertificateExpiredException");
        assertThatThrownBy(() -> ClusterMetadata.fetch(bootstrap("WRONGHOST"), WAIT, sslSecurity(null)))
                .hasMessageContaining("TLS handshake with").hasMessageContaining("No subject alternative DNS name");
        assertThatThrownBy(() -> ClusterMetadata.fetch(bootstrap("UNTRUSTED"), WAIT, sslSecurity(null)))
                .hasMessageContaining("TLS handshake with").hasMessageContaining("unable to find valid certification path");
        assertThatBrokerStillServesTls();
    }

    @Test
    void aPlaintextClientOnATlsPortIsClosedWithAClearErrorAndTheBrokerKeepsServing() {
        assertThatThrownBy(() -> ClusterMetadata.fetch(bootstrap("SSL"), WAIT, ClientSecurity.PLAINTEXT))
                .hasMessageContaining("before any response").hasMessageContaining("security.protocol=PLAINTEXT");
        assertThatBrokerStillServesTls();
    }

    @Test
    void aClientWithoutACertificateIsRefusedWhereClientAuthIsRequired() {
        assertThatThrownBy(() -> ClusterMetadata.fetch(bootstrap("MTLS"), WAIT, sslSecurity(null)))
                .hasMessageContaining(bootstrap("MTLS"));
        assertThatBrokerStillServesTls();
    }

    private static void assertThatBrokerStillServesTls() {
        assertThat(ClusterMetadata.fetch(bootstrap("SSL"), WAIT, sslSecurity(null)).brokers()).hasSize(1);
    }
}
