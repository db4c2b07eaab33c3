package io.ferrymq.tools.reassign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.assignment.BrokerPlacement;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReassignmentPlanTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private static ReassignmentPlan parse(String json) {
        return ReassignmentPlan.parse("plan.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsKafkasPlanAndWritesItBackTheSame() {
        String kafka = "{\"version\":1,\"partitions\":[{\"topic\":\"t\",\"partition\":1,\"replicas\":[3,2],"
                + "\"log_dirs\":[\"any\",\"any\"]},{\"topic\":\"t\",\"partition\":0,\"replicas\":[2,3],"
                + "\"log_dirs\":[\"any\",\"any\"]}]}";

        ReassignmentPlan plan = parse(kafka);

        assertThat(plan.partitions()).containsExactly(Map.entry(T1, List.of(3, 2)), Map.entry(T0, List.of(2, 3)));
        assertThat(plan.toJson()).isEqualTo(kafka);
        assertThat(parse("{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1]}]}").partitions())
                .containsExactly(Map.entry(T0, List.of(1)));
    }

    @Test
    void refusesWhatCannotBeReassigned() {
        assertThatThrownBy(() -> parse("{\"partitions\":[]}")).hasMessageContaining("no partitions");
        assertThatThrownBy(() -> parse("{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[]}]}"))
                .hasMessageContaining("empty replica list");
        assertThatThrownBy(() -> parse("{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1,1]}]}"))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> parse("{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1]},"
                + "{\"topic\":\"t\",\"partition\":0,\"replicas\":[2]}]}")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> parse("{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1],"
                + "\"log_dirs\":[\"/data\"]}]}")).hasMessageContaining("log_dirs");
    }

    @Test
    void readsTheTopicsToMove() {
        assertThat(ReassignmentPlan.parseTopics("f", "{\"version\":1,\"topics\":[{\"topic\":\"a\"},{\"topic\":\"b\"}]}"
                .getBytes(StandardCharsets.UTF_8))).containsExactly("a", "b");
        assertThatThrownBy(() -> ReassignmentPlan.parseTopics("f", "{\"topics\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no topics");
    }

    @Test
    void theProposalKeepsEachTopicsShapeOnTheGivenBrokers() {
        Map<TopicPartition, List<Integer>> current = new LinkedHashMap<>();
        for (int p = 0; p < 4; p++) {
            current.put(new TopicPartition("t", p), List.of(1, 2));
        }
        current.put(new TopicPartition("u", 0), List.of(1, 2, 3));

        ReassignmentPlan proposal = ReassignmentProposal.propose(current,
                List.of(BrokerPlacement.of(3), BrokerPlacement.of(4), BrokerPlacement.of(5)), 0);

        assertThat(proposal.partitions()).hasSize(5);
        proposal.partitions().forEach((tp, replicas) -> {
            assertThat(replicas).hasSize(current.get(tp).size()).doesNotHaveDuplicates();
            assertThat(Set.of(3, 4, 5)).containsAll(replicas);
        });
        assertThatThrownBy(() -> ReassignmentProposal.propose(current, List.of(BrokerPlacement.of(3)), 0))
                .hasMessageContaining("more than the 1 brokers");
    }

    @Test
    void verifyReportsEachPartitionLikeKafka() {
        ReassignmentPlan plan = new ReassignmentPlan(Map.of(T0, List.of(2, 3)));

        assertThat(ReassignmentStatus.of(plan, Map.of(T0, List.of(2, 3, 1)), Set.of(T0)))
                .isEqualTo(new ReassignmentStatus(List.of("Reassignment of partition t-0 is still in progress."), false));
        assertThat(ReassignmentStatus.of(plan, Map.of(T0, List.of(2, 3)), Set.of()))
                .isEqualTo(new ReassignmentStatus(List.of("Reassignment of partition t-0 is completed."), true));
        assertThat(ReassignmentStatus.of(plan, Map.of(T0, List.of(1, 2)), Set.of()).lines())
                .containsExactly("There is no active reassignment of partition t-0, but replica set is [1, 2] rather than [2, 3].");
        assertThat(ReassignmentStatus.of(plan, Map.of(), Set.of()).allComplete()).isFalse();
    }

    @Test
    void theThrottleCoversTheCurrentReplicasAsLeadersAndTheAddedOnesAsFollowers() {
        TopicPartition u0 = new TopicPartition("u", 0);
        ReassignmentPlan plan = new ReassignmentPlan(Map.of(T0, List.of(3, 2), T1, List.of(1, 2), u0, List.of(2, 1)));

        ReassignmentThrottle throttle = ReassignmentThrottle.of(plan,
                Map.of(T0, List.of(1, 2), T1, List.of(1, 2), u0, List.of(1, 2)));

        assertThat(throttle.brokers()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(throttle.leaderReplicas()).containsExactly(Map.entry("t", "0:1,0:2"));
        assertThat(throttle.followerReplicas()).containsExactly(Map.entry("t", "0:3"));
        assertThat(throttle.topics()).containsExactly("t");
    }
}
