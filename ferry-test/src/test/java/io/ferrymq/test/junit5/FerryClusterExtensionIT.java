package io.ferrymq.test.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.test.ConsumerFactory;
import io.ferrymq.test.Drain;
import io.ferrymq.test.FerryTestCluster;
import io.ferrymq.test.ProducerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The extension against a real two-broker cluster: what it injects, and that it all reaches the same cluster. */
@FerryCluster(brokers = 2, topics = {"greetings", "from-kafka"}, partitions = 2)
class FerryClusterExtensionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @BootstrapServers
    private String bootstrapField;
    @FerryInject
    private FerryTestCluster clusterField;

    private final FerryTestCluster constructed;

    FerryClusterExtensionIT(FerryTestCluster constructed) {
        this.constructed = constructed;
    }

    @Test
    void injectsOneClusterIntoConstructorFieldsAndParameters(FerryTestCluster cluster, @BootstrapServers String bootstrap,
                                                            Admin admin) {
        assertThat(constructed).isSameAs(cluster).isSameAs(clusterField);
        assertThat(bootstrap).isEqualTo(bootstrapField).isEqualTo(cluster.bootstrapServers());
        assertThat(bootstrap.split(",")).hasSize(2);
        assertThat(admin.describeTopics(List.of("greetings")).get("greetings").partitions())
                .hasSize(2).allSatisfy(p -> assertThat(p.replicas()).hasSize(2));
    }

    @Test
    void recordsProducedThroughTheInjectedFactoryAreConsumedThroughTheOther(ProducerFactory producers,
                                                                          ConsumerFactory consumers) throws Exception {
        TopicPartition tp = new TopicPartition("greetings", 1);
        try (Producer<String, String> producer = producers.create()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("greetings", 1, "k", "hello-" + i)).get(10, TimeUnit.SECONDS);
            }
        }
        try (Consumer<String, String> consumer = consumers.create()) {
            assertThat(Drain.values(consumer, tp, 5, TIMEOUT))
                    .containsExactly("hello-0", "hello-1", "hello-2", "hello-3", "hello-4");
        }
    }

    @Test
    void theKafkaListenerTakesRecordsFromKafkasOwnProducer(@KafkaBootstrapServers String kafkaBootstrap,
                                                          ConsumerFactory consumers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("from-kafka", 0, "k", "via-kafka"))
                    .get(10, TimeUnit.SECONDS);
        }
        try (Consumer<String, String> consumer = consumers.create(Map.of())) {
            assertThat(Drain.values(consumer, new TopicPartition("from-kafka", 0), 1, TIMEOUT)).containsExactly("via-kafka");
        }
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheOuterClassCluster(FerryTestCluster cluster) {
            assertThat(cluster).isSameAs(constructed);
        }
    }

    @Nested
    @FerryCluster(kafkaListener = false)
    class NestedWithItsOwnAnnotation {

        @Test
        void getsAClusterOfItsOwn(FerryTestCluster cluster) {
            assertThat(cluster).isNotSameAs(constructed);
            assertThat(cluster.brokers()).hasSize(1);
        }
    }
}
