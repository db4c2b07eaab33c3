package io.ferrymq.client.consumer.internals.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeAssignorTest {

    private final RangeAssignor assignor = new RangeAssignor();

    @Test
    void sixPartitionsOverThreeMembersGiveTwoEach() {
        Map<String, Assignment> result = assignor.assign(Map.of("t", 6), Map.of(
                "c", new Subscription(List.of("t")),
                "a", new Subscription(List.of("t")),
                "b", new Subscription(List.of("t"))));
        assertThat(result.get("a").partitions()).containsExactly(tp("t", 0), tp("t", 1));
        assertThat(result.get("b").partitions()).containsExactly(tp("t", 2), tp("t", 3));
        assertThat(result.get("c").partitions()).containsExactly(tp("t", 4), tp("t", 5));
    }

    @Test
    void firstMembersTakeTheRemainderPerTopic() {
        Map<String, Assignment> result = assignor.assign(Map.of("t1", 3, "t2", 3), Map.of(
                "a", new Subscription(List.of("t1", "t2")),
                "b", new Subscription(List.of("t1", "t2"))));
        assertThat(result.get("a").partitions())
                .containsExactly(tp("t1", 0), tp("t1", 1), tp("t2", 0), tp("t2", 1));
        assertThat(result.get("b").partitions()).containsExactly(tp("t1", 2), tp("t2", 2));
    }

    @Test
    void membersOnlyGetTopicsTheySubscribeToAndMissingTopicsAreSkipped() {
        Map<String, Assignment> result = assignor.assign(Map.of("t1", 2, "t2", 1), Map.of(
                "a", new Subscription(List.of("t1")),
                "b", new Subscription(List.of("t2", "missing"))));
        assertThat(result.get("a").partitions()).containsExactly(tp("t1", 0), tp("t1", 1));
        assertThat(result.get("b").partitions()).containsExactly(tp("t2", 0));
    }

    @Test
    void moreMembersThanPartitionsLeavesSomeEmpty() {
        Map<String, Assignment> result = assignor.assign(Map.of("t", 1), Map.of(
                "a", new Subscription(List.of("t")),
                "b", new Subscription(List.of("t"))));
        assertThat(result.get("a").partitions()).containsExactly(tp("t", 0));
        assertThat(result.get("b").partitions()).isEmpty();
    }

    static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
