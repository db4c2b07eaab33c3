package io.ferrymq.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaAssignmentParserTest {

    @Test
    void groupsArePartitionsInOrderAndTheFirstReplicaComesFirst() {
        Map<Integer, List<Integer>> assignment = ReplicaAssignmentParser.parse("0:1:2,1:2:0, 2 : 0 : 1");

        assertThat(assignment).containsExactly(
                Map.entry(0, List.of(0, 1, 2)),
                Map.entry(1, List.of(1, 2, 0)),
                Map.entry(2, List.of(2, 0, 1)));
    }

    @Test
    void singleReplicaPartitionsMayAllSitOnOneBroker() {
        assertThat(ReplicaAssignmentParser.parse("0,0,0,0,0,0"))
                .hasSize(6)
                .allSatisfy((partition, replicas) -> assertThat(replicas).containsExactly(0));
    }

    @Test
    void differentReplicaCountsAreRefusedNamingThePartition() {
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse("0:1,1:2,2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition 2 has 1 replicas (2) but partition 0 has 2");
    }

    @Test
    void aBrokerTwiceInOnePartitionIsRefused() {
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse("0:1,1:1"))
                .hasMessageContaining("partition 1 lists broker 1 more than once (1:1)");
    }

    @Test
    void negativeOrNonNumericIdsAreRefused() {
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse("0:-1"))
                .hasMessageContaining("partition 0: broker id -1 is negative");
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse("0:1,x:1"))
                .hasMessageContaining("partition 1: broker id 'x' is not a non-negative integer");
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse("0:,1:2"))
                .hasMessageContaining("partition 0: broker id '' is not a non-negative integer");
    }

    @Test
    void emptyPartitionsAreRefused() {
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse("0:1,,1:2"))
                .hasMessageContaining("partition 1 has no replicas");
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse(""))
                .hasMessageContaining("partition 0 has no replicas");
        assertThatThrownBy(() -> ReplicaAssignmentParser.parse("0,1,"))
                .hasMessageContaining("partition 2 has no replicas");
    }
}
