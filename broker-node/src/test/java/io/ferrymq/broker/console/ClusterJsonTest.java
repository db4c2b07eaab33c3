package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.client.admin.TopicDescription;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClusterJsonTest {

    private static final String IN = BrokerMetricNames.forTopic(BrokerMetricNames.MESSAGES_IN, "t").encode();

    private static BrokerState broker(int id, boolean registered, Optional<Boolean> reachable, Map<String, Double> gauges,
                                      Map<String, Double> rates) {
        MetricsSnapshot metrics = new MetricsSnapshot(0, gauges, Map.of(), Optional.of("CONNECTED"));
        return new BrokerState(id, "h" + id, 9000 + id, Optional.empty(), Optional.of("http://h" + id + ":80"),
                registered, reachable, reachable.orElse(true) ? Optional.of(metrics) : Optional.empty(), rates);
    }

    private static PartitionInfo partition(int p, int leader, List<Integer> replicas, List<Integer> isr) {
        return new PartitionInfo(new TopicPartition("t", p), leader < 0 ? OptionalInt.empty() : OptionalInt.of(leader), 3,
                replicas, isr);
    }

    private static final List<TopicDescription> TOPICS = List.of(new TopicDescription("t", List.of(
            partition(0, 1, List.of(1, 2, 3), List.of(1, 2, 3)),
            partition(1, 2, List.of(2, 3, 1), List.of(2, 1)),
            partition(2, 3, List.of(3, 1, 2), List.of(3)),
            partition(3, -1, List.of(1, 2, 4), List.of()))));

    private static Map<Integer, BrokerState> brokers() {
        return Map.of(
                1, broker(1, true, Optional.of(true), Map.of(BrokerMetricNames.logSize(new TopicPartition("t", 0)).encode(), 2048.0),
                        Map.of(IN, 10.0)),
                2, broker(2, true, Optional.of(true), Map.of(), Map.of(IN, 5.5)),
                3, broker(3, true, Optional.of(false), Map.of(), Map.of()));
    }

    @Test
    void countsLeadersPerBrokerAndUnderReplicatedAndOfflinePartitions() {
        ObjectNode cluster = ClusterJson.cluster("c1", 1, brokers(), TOPICS);

        assertThat(cluster.get("underReplicated").asInt()).isEqualTo(3);
        // partition 2's leader 3 does not answer, partition 3 has none
        assertThat(cluster.get("offline").asInt()).isEqualTo(2);
        JsonNode list = cluster.get("brokers");
        assertThat(list).hasSize(4);
        assertThat(list.get(0).get("leaders").asInt()).isEqualTo(1);
        assertThat(list.get(0).get("replicas").asInt()).isEqualTo(4);
        assertThat(list.get(0).get("zooKeeperSession").asText()).isEqualTo("CONNECTED");
        assertThat(list.get(2).get("status").asText()).isEqualTo("down");
        assertThat(list.get(2).get("reachable").asBoolean()).isFalse();
        // broker 4 only appears in a replica set: never seen registered, so down
        assertThat(list.get(3).get("id").asInt()).isEqualTo(4);
        assertThat(list.get(3).get("status").asText()).isEqualTo("down");
    }

    @Test
    void topicsCarryTheLeadersLogSizeAndRatesSummedOverBrokersThatAreUp() {
        JsonNode topic = ClusterJson.topics(brokers(), TOPICS).get(0);

        assertThat(topic.get("messagesInPerSec").asDouble()).isEqualTo(15.5);
        assertThat(topic.get("sizeBytes").asLong()).isEqualTo(2048);
        JsonNode p0 = topic.get("partitions").get(0);
        assertThat(p0.get("sizeBytes").asLong()).isEqualTo(2048);
        assertThat(p0.get("replicas").asText()).isEqualTo("1,2,3");
        assertThat(p0.get("leaderEpoch").asInt()).isEqualTo(3);
        assertThat(topic.get("partitions").get(1).get("sizeBytes").isNull()).isTrue();
        assertThat(topic.get("partitions").get(3).get("leader").isNull()).isTrue();
        assertThat(topic.get("partitions").get(3).get("offline").asBoolean()).isTrue();
    }

    @Test
    void aRegisteredBrokerWithoutAnAdminServerCountsAsUp() {
        BrokerState silent = new BrokerState(5, "h", 1, Optional.empty(), Optional.empty(), true, Optional.empty(),
                Optional.empty(), Map.of());

        assertThat(silent.isUp()).isTrue();
        assertThat(broker(6, false, Optional.of(true), Map.of(), Map.of()).isUp()).isFalse();
    }
}
