package io.ferrymq.coordinator.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ZkPathsTest {

    @Test
    void theMetadataCacheKeepsTopicsPartitionsAndStatesButNoLatchNodes() {
        TopicPartition tp = new TopicPartition("orders", 7);
        assertThat(ZkPaths.isTopicMetadataPath(ZkPaths.TOPICS)).isTrue();
        assertThat(ZkPaths.isTopicMetadataPath(ZkPaths.topic("orders"))).isTrue();
        assertThat(ZkPaths.isTopicMetadataPath(ZkPaths.partitions("orders"))).isTrue();
        assertThat(ZkPaths.isTopicMetadataPath(ZkPaths.partition(tp))).isTrue();
        assertThat(ZkPaths.isTopicMetadataPath(ZkPaths.state(tp))).isTrue();
        assertThat(ZkPaths.isTopicMetadataPath(ZkPaths.latch(tp))).isFalse();
        assertThat(ZkPaths.isTopicMetadataPath(ZkPaths.latch(tp) + "/_c_5d0e-latch-0000000003")).isFalse();
        assertThat(ZkPaths.isTopicMetadataPath("/topics/latch/partitions/0/state")).isTrue();
    }
}
