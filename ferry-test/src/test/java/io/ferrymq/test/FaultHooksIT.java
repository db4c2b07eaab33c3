package io.ferrymq.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault hooks on a real three-broker cluster built with the plain builder: each test hurts
 * the leader of a partition replicated three times and checks what the cluster does; after each,
 * every broker runs again and the partition is fully in sync.
 */
class FaultHooksIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String TOPIC = "faults";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static FerryTestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = FerryTestCluster.builder().brokers(3).topic(TOPIC, 1, 3)
                .brokerConfig("min.insync.replicas", "2").kafkaListener(false).start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void everyBrokerBackAndInSync() {
        for (EmbeddedBroker broker : cluster.brokers()) {
            if (!broker.isRunning()) {
                cluster.restartBroker(broker.id());
            }
        }
        cluster.awaitFullyReplicated(TOPIC);
    }

    @Test
    void acknowledgedRecordsSurviveKillingTheLeaderAndRestartingIt() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        int leader = leader();
        try (Producer<String, String> producer = cluster.producers().create()) {
            sendAcknowledged(producer, "before", acknowledged);
            cluster.killBroker(leader);
            assertThat(cluster.broker(leader).isRunning()).isFalse();
            await().atMost(TIMEOUT).until(() -> cluster.leaderOf(TP).orElse(leader) != leader);
            sendAcknowledged(producer, "after", acknowledged);
        }
        cluster.restartBroker(leader);
        cluster.awaitFullyReplicated(TOPIC);
        try (Consumer<String, String> consumer = cluster.consumers().create()) {
            List<String> read = Drain.values(consumer, TP, acknowledged.size(), TIMEOUT);
            assertThat(read).containsAll(acknowledged);
        }
    }

    @Test
    void anExpiredSessionMovesTheLeadershipAndTheBrokerRegistersAgain() {
        int leader = leader();
        long start = System.nanoTime();
        cluster.expireSession(leader);
        // the server dropped the registration at once, not after the 6 s session timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        await().atMost(TIMEOUT).until(() -> cluster.leaderOf(TP).orElse(leader) != leader);
        assertThat(cluster.broker(leader).isRunning()).isTrue();
        await().atMost(TIMEOUT).until(() -> cluster.isRegistered(leader));
    }

    @Test
    void aControlledShutdownHandsTheLeadershipOverBeforeTheBrokerLeaves() {
        int leader = leader();
        cluster.shutdownBroker(leader);
        OptionalInt after = cluster.leaderOf(TP);
        assertThat(after).isPresent();
        assertThat(after.getAsInt()).isNotEqualTo(leader);
        assertThat(cluster.isRegistered(leader)).isFalse();
    }

    private static int leader() {
        return cluster.leaderOf(TP).orElseThrow(() -> new AssertionError(TP + " has no leader"));
    }

    private static void sendAcknowledged(Producer<String, String> producer, String prefix, List<String> acknowledged)
            throws Exception {
        for (int i = 0; i < 20; i++) {
            String value = prefix + "-" + i;
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            acknowledged.add(value);
        }
    }
}
