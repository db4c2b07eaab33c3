package io.ferrymq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.TopicPartition;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cluster on a three-server ZooKeeper ensemble (curator-test's TestingCluster) keeps working with one server down. */
class ZooKeeperEnsembleIT {

    @Test
    void brokersCreateTopicsAndServeRecordsWithOneZooKeeperServerDown() throws Exception {
        try (FerryTestCluster cluster = FerryTestCluster.builder().zooKeeperServers(3).brokers(2)
                .kafkaListener(false).start()) {
            assertThat(cluster.zooKeeperConnect().split(",")).hasSize(3);
            cluster.killZooKeeperServer(0);
            cluster.createTopic(new TopicSpec("quorum", 1, 2));
            try (Producer<String, String> producer = cluster.producers().create()) {
                producer.send(new ProducerRecord<>("quorum", 0, "k", "written")).get(20, TimeUnit.SECONDS);
            }
            try (Consumer<String, String> consumer = cluster.consumers().create()) {
                assertThat(Drain.values(consumer, new TopicPartition("quorum", 0), 1, Duration.ofSeconds(20)))
                        .containsExactly("written");
            }
            cluster.restartZooKeeperServer(0);
        }
    }

    @Test
    void aSingleServerCannotBeKilled() {
        try (FerryTestCluster cluster = FerryTestCluster.builder().kafkaListener(false).start()) {
            assertThatThrownBy(() -> cluster.killZooKeeperServer(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("zooKeeperServers(3)");
        }
    }
}
