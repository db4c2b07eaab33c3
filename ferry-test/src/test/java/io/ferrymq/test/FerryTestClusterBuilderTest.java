package io.ferrymq.test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FerryTestClusterBuilderTest {

    @Test
    void refusesMoreReplicasThanBrokersBeforeStartingAnything() {
        assertThatThrownBy(() -> FerryTestCluster.builder().brokers(2).topic("orders", 3, 3).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders").hasMessageContaining("3 replicas of 2 broker(s)");
    }

    @Test
    void refusesSettingsTheClusterOwns() {
        assertThatThrownBy(() -> FerryTestCluster.builder().brokerConfig("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listeners");
    }

    @Test
    void refusesAClusterWithoutBrokers() {
        assertThatThrownBy(() -> FerryTestCluster.builder().brokers(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATopicWithoutPartitions() {
        assertThatThrownBy(() -> new TopicSpec("t", 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }
}
