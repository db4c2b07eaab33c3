package io.ferrymq.client.consumer.internals.group;

import static io.ferrymq.client.consumer.internals.group.RangeAssignorTest.tp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundRobinAssignorTest {

    private final RoundRobinAssignor assignor = new RoundRobinAssignor();

    @Test
    void dealsPartitionsOfAllTopicsInTurn() {
        Map<String, Assignment> result = assignor.assign(Map.of("t1", 3, "t2", 3), Map.of(
                "a", new Subscription(List.of("t1", "t2")),
                "b", new Subscription(List.of("t2", "t1"))));
        assertThat(result.get("a").partitions()).containsExactly(tp("t1", 0), tp("t1", 2), tp("t2", 1));
        assertThat(result.get("b").partitions()).containsExactly(tp("t1", 1), tp("t2", 0), tp("t2", 2));
    }

    @Test
    void skipsMembersNotSubscribedToThePartitionsTopic() {
        Map<String, Assignment> result = assignor.assign(Map.of("t0", 1, "t1", 2, "t2", 3), Map.of(
                "c0", new Subscription(List.of("t0")),
                "c1", new Subscription(List.of("t0", "t1")),
                "c2", new Subscription(List.of("t0", "t1", "t2"))));
        assertThat(result.get("c0").partitions()).containsExactly(tp("t0", 0));
        assertThat(result.get("c1").partitions()).containsExactly(tp("t1", 0));
        assertThat(result.get("c2").partitions()).containsExactly(tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2));
    }

    @Test
    void everyMemberHasAnEntryEvenWhenEmpty() {
        Map<String, Assignment> result = assignor.assign(Map.of(), Map.of("a", new Subscription(List.of("none"))));
        assertThat(result).containsOnlyKeys("a");
        assertThat(result.get("a").partitions()).isEmpty();
    }
}
