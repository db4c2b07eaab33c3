package io.ferrymq.common.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaAssignerTest {

    private static List<BrokerPlacement> brokers(int n) {
        List<BrokerPlacement> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(BrokerPlacement.of(100 + i * 3));
        }
        return out;
    }

    private static List<BrokerPlacement> racked(int racks, int perRack) {
        List<BrokerPlacement> out = new ArrayList<>();
        for (int i = 0; i < racks * perRack; i++) {
            out.add(BrokerPlacement.of(i, "rack-" + (i % racks)));
        }
        return out;
    }

    @Test
    void everyBrokerCountFromOneToTwelveGetsBalancedDistinctReplicasAndLeaders() {
        for (int n = 1; n <= 12; n++) {
            for (int rf = 1; rf <= n; rf++) {
                for (int partitions = 1; partitions <= 40; partitions++) {
                    for (int start = 0; start < n; start += 5) {
                        Map<Integer, List<Integer>> assignment = ReplicaAssigner.assign(brokers(n), rf, 0, partitions, start);
                        assertBalancedAndDistinct(brokers(n), assignment, rf, partitions, 1);
                    }
                }
            }
        }
    }

    @Test
    void racksAreSpreadWithinEachPartitionWhenRacksAreSet() {
        for (int racks = 2; racks <= 4; racks++) {
            for (int perRack = 1; perRack <= 3; perRack++) {
                List<BrokerPlacement> brokers = racked(racks, perRack);
                for (int rf = 1; rf <= brokers.size(); rf++) {
                    for (int partitions = 1; partitions <= 30; partitions++) {
                        Map<Integer, List<Integer>> assignment = ReplicaAssigner.assign(brokers, rf, 0, partitions, 1);
                        // rack spreading comes first, so replica counts may differ by more than one
                        assertBalancedAndDistinct(brokers, assignment, rf, partitions, 3);
                        for (List<Integer> replicas : assignment.values()) {
                            Set<String> racksUsed = new HashSet<>();
                            replicas.forEach(b -> racksUsed.add(brokers.get(b).rack().orElseThrow()));
                            if (racksUsed.size() != Math.min(rf, racks)) {
                                fail("replicas " + replicas + " use racks " + racksUsed);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void leadersFollowTheStartIndexRoundRobin() {
        Map<Integer, List<Integer>> assignment = ReplicaAssigner.assign(brokers(3), 3, 0, 6, 1);
        assertThat(assignment.values().stream().map(r -> r.get(0)).toList())
                .containsExactly(103, 106, 100, 103, 106, 100);
    }

    @Test
    void addedPartitionsAreNumberedFromTheFirstNewOne() {
        Map<Integer, List<Integer>> assignment = ReplicaAssigner.assign(brokers(3), 2, 4, 3, 0);
        assertThat(assignment).containsOnlyKeys(4, 5, 6);
        assertThat(assignment.get(4).get(0)).isEqualTo(103);
    }

    @Test
    void isDeterministic() {
        assertThat(ReplicaAssigner.assign(racked(3, 2), 3, 0, 17, 4))
                .isEqualTo(ReplicaAssigner.assign(racked(3, 2), 3, 0, 17, 4));
    }

    @Test
    void refusesAReplicationFactorAboveTheBrokerCount() {
        assertThatThrownBy(() -> ReplicaAssigner.assign(brokers(2), 3, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replication factor 3");
        assertThatThrownBy(() -> ReplicaAssigner.assign(List.of(), 1, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no live brokers");
    }

    private static void assertBalancedAndDistinct(List<BrokerPlacement> brokers, Map<Integer, List<Integer>> assignment,
                                                  int rf, int partitions, int maxSpread) {
        Map<Integer, Integer> replicaCounts = new HashMap<>();
        Map<Integer, Integer> leaderCounts = new HashMap<>();
        brokers.forEach(b -> {
            replicaCounts.put(b.id(), 0);
            leaderCounts.put(b.id(), 0);
        });
        if (assignment.size() != partitions) {
            fail("expected " + partitions + " partitions: " + assignment);
        }
        for (List<Integer> replicas : assignment.values()) {
            if (new HashSet<>(replicas).size() != rf) {
                fail("replicas not " + rf + " distinct brokers: " + replicas);
            }
            replicas.forEach(b -> replicaCounts.merge(b, 1, Integer::sum));
            leaderCounts.merge(replicas.get(0), 1, Integer::sum);
        }
        java.util.function.Supplier<String> context = () ->
                brokers.size() + " brokers, rf " + rf + ", " + partitions + " partitions: " + assignment;
        if (spread(replicaCounts) > maxSpread || spread(leaderCounts) > 1) {
            fail("unbalanced (replicas " + replicaCounts + ", leaders " + leaderCounts + "), " + context.get());
        }
    }

    private static int spread(Map<Integer, Integer> counts) {
        return counts.values().stream().mapToInt(i -> i).max().orElse(0)
                - counts.values().stream().mapToInt(i -> i).min().orElse(0);
    }
}
