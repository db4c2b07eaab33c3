package io.ferrymq.client.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.PartitionInfo;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FerryAdminTest {

    private final InMemoryCluster cluster = new InMemoryCluster(3);
    private final FerryAdmin admin = new FerryAdmin(AdminConfig.parse(Map.of("bootstrap.servers", "broker1:9001",
            "default.api.timeout.ms", "500", "retry.backoff.ms", "20")), cluster, Clock.systemUTC());

    @AfterEach
    void stop() {
        admin.close();
        cluster.close();
    }

    @Test
    void createListDescribeAndDeleteTopics() {
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 2), new NewTopic("audit", 1, (short) 1)));
        assertThat(admin.listTopics()).containsExactly("audit", "orders");
        TopicDescription orders = admin.describeTopics(List.of("orders")).get("orders");
        assertThat(orders.partitions()).extracting(PartitionInfo::partition).containsExactly(0, 1, 2);
        assertThat(orders.partitions().get(0).leader()).isPresent();
        admin.createPartitions(Map.of("orders", 5));
        assertThat(admin.describeTopics(List.of("orders")).get("orders").partitions()).hasSize(5);
        admin.deleteTopics(List.of("audit"));
        assertThat(admin.listTopics()).containsExactly("orders");
    }

    @Test
    void explicitAssignmentIsSentWithoutCountsAndExcludesThem() {
        admin.createTopics(List.of(new NewTopic("pinned", Map.of(0, List.of(1, 2), 1, List.of(2, 1)))
                .withConfigs(Map.of("retention.ms", "1000"))));

        CreateTopicsRequest.TopicSpec sent = cluster.createTopicSpecs().get(0);
        assertThat(sent.assignment()).containsExactly(Map.entry(0, List.of(1, 2)), Map.entry(1, List.of(2, 1)));
        assertThat(sent.numPartitions()).isEqualTo(-1);
        assertThat(sent.replicationFactor()).isEqualTo((short) -1);
        assertThat(sent.configs()).containsEntry("retention.ms", "1000");
        assertThat(admin.describeTopics(List.of("pinned")).get("pinned").partitions()).hasSize(2);
        assertThatThrownBy(() -> new NewTopic("t", OptionalInt.of(2), Optional.empty(), Map.of(),
                Map.of(0, List.of(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("excludes a partition count");
    }

    @Test
    void perTopicErrorsNameTheTopicAndTheReason() {
        admin.createTopics(List.of(new NewTopic("t", 1, (short) 1)));
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))))
                .isInstanceOf(ApiException.class).hasMessageContaining("TOPIC_ALREADY_EXISTS")
                .hasMessageContaining("'t'");
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("u", 1, (short) 5))))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR));
        assertThatThrownBy(() -> admin.describeTopics(List.of("nope")))
                .isInstanceOf(ApiException.class).hasMessageContaining("'nope'").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> admin.createPartitions(Map.of("t", 1))).hasMessageContaining("INVALID_PARTITIONS");
    }

    @Test
    void describeClusterListsBrokersById() {
        ClusterDescription description = admin.describeCluster();
        assertThat(description.clusterId()).isEqualTo("in-memory");
        assertThat(description.nodes()).extracting(n -> n.id()).containsExactly(1, 2, 3);
    }

    @Test
    void unreachableClusterTimesOutWithTheLastError() {
        cluster.setUnreachable(true);
        assertThatThrownBy(admin::listTopics).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("500 ms").hasMessageContaining("listing topics");
    }
}
