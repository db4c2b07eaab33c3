package io.ferrymq.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.common.protocol.responses.MetadataResponse.TopicMetadata;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {

    private static BrokerNode broker(int id) {
        return new BrokerNode(id, "127.0.0.1", 9090 + id, Optional.empty());
    }

    private static PartitionMetadata partition(int p, int leader, List<Integer> isr) {
        return new PartitionMetadata(ErrorCode.NONE, p, leader, 0, List.of(1, 2, 3), isr, List.of());
    }

    @Test
    void allReplicasInSyncIsHealthy() {
        MetadataResponse md = new MetadataResponse(List.of(broker(1), broker(2), broker(3)), "c",
                List.of(new TopicMetadata(ErrorCode.NONE, "demo", List.of(partition(0, 1, List.of(1, 2, 3))))));
        ClusterHealth health = ClusterHealth.of(md, OptionalInt.of(3));
        assertThat(health.isHealthy()).isTrue();
        assertThat(health.render()).contains("Healthy:", "true");
    }

    @Test
    void aDeadReplicaHolderIsDownAndItsPartitionsAreUnderReplicatedOrLeaderless() {
        MetadataResponse md = new MetadataResponse(List.of(broker(1), broker(2)), "c", List.of(
                new TopicMetadata(ErrorCode.NONE, "demo", List.of(
                        partition(0, 1, List.of(1, 2)),
                        partition(1, 3, List.of(3)),
                        partition(2, -1, List.of(1, 2, 3))))));
        ClusterHealth health = ClusterHealth.of(md, OptionalInt.empty());
        assertThat(health.isHealthy()).isFalse();
        assertThat(health.downBrokers()).containsExactly(3);
        assertThat(health.leaderless()).containsExactly(new TopicPartition("demo", 1), new TopicPartition("demo", 2));
        assertThat(health.underReplicated()).containsExactly(new TopicPartition("demo", 0), new TopicPartition("demo", 1));
    }

    @Test
    void fewerBrokersThanExpectedIsUnhealthyEvenWithoutTopics() {
        MetadataResponse md = new MetadataResponse(List.of(broker(1), broker(2)), "c", List.of());
        assertThat(ClusterHealth.of(md, OptionalInt.of(3)).isHealthy()).isFalse();
        assertThat(ClusterHealth.of(md, OptionalInt.empty()).isHealthy()).isTrue();
    }

    @Test
    void anOfflineLogDirMakesTheClusterUnhealthyAndIsShownPerBroker() {
        MetadataResponse md = new MetadataResponse(List.of(broker(1), broker(2), broker(3)), "c",
                List.of(new TopicMetadata(ErrorCode.NONE, "demo", List.of(partition(0, 1, List.of(1, 2, 3))))));

        ClusterHealth health = ClusterHealth.of(md, java.util.Map.of(2, List.of("/data/d2")), OptionalInt.of(3));

        assertThat(health.isHealthy()).isFalse();
        assertThat(health.offlineLogDirs()).containsExactly(java.util.Map.entry(2, List.of("/data/d2")));
        assertThat(health.render()).containsPattern("Offline log dirs \\(1\\): +\\{2=\\[/data/d2\\]\\}");
    }
}
