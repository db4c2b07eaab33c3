package io.ferrymq.client.producer.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Murmur2;
import io.ferrymq.common.Node;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StickyPartitionerTest {

    static Cluster cluster(String topic, int partitions, Set<Integer> leaderless) {
        List<Node> nodes = List.of(new Node(1, "h1", 1), new Node(2, "h2", 2));
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            OptionalInt leader = leaderless.contains(p) ? OptionalInt.empty() : OptionalInt.of(1 + p % 2);
            infos.add(new PartitionInfo(new TopicPartition(topic, p), leader, 0, List.of(1, 2), List.of(1, 2)));
        }
        return new Cluster(nodes, infos, Optional.of("c"));
    }

    @Test
    void keyedRecordsUseMurmur2OfTheKeyOverAllPartitions() {
        byte[] key = "user-42".getBytes(StandardCharsets.UTF_8);
        int expected = (Murmur2.hash(key) & 0x7fffffff) % 7;
        assertThat(StickyPartitioner.partitionForKey(key, 7)).isEqualTo(expected);
        assertThat(StickyPartitioner.partitionForKey("foobar".getBytes(StandardCharsets.UTF_8), 3))
                .isEqualTo((-790332482 & 0x7fffffff) % 3);
    }

    private static final StickyPartitioner.BatchFilling NOTHING_FILLING = (topic, partition) -> false;

    @Test
    void keylessRecordsStickUntilABatchWorthThenMove() {
        Cluster cluster = cluster("t", 4, Set.of());
        int[] next = {0};
        StickyPartitioner partitioner = new StickyPartitioner(100, bound -> next[0]++ % bound, NOTHING_FILLING);
        int first = partitioner.stickyPartition("t", cluster);
        for (int i = 0; i < 9; i++) {
            partitioner.onAppend("t", first, 10, cluster);
            assertThat(partitioner.stickyPartition("t", cluster)).isEqualTo(first);
        }
        partitioner.onAppend("t", first, 10, cluster);
        int second = partitioner.stickyPartition("t", cluster);
        assertThat(second).isNotEqualTo(first);
        assertThat(partitioner.stickyPartition("t", cluster)).isEqualTo(second);
    }

    @Test
    void aBatchStillFillingKeepsThePartitionPastABatchWorthUntilItIsSent() {
        Cluster cluster = cluster("t", 4, Set.of());
        boolean[] filling = {true};
        StickyPartitioner partitioner = new StickyPartitioner(100, bound -> 0, (topic, p) -> filling[0]);
        int first = partitioner.stickyPartition("t", cluster);
        for (int i = 0; i < 15; i++) {
            partitioner.onAppend("t", first, 10, cluster);
            assertThat(partitioner.stickyPartition("t", cluster)).isEqualTo(first);
        }
        filling[0] = false;
        assertThat(partitioner.stickyPartition("t", cluster)).isNotEqualTo(first);
    }

    @Test
    void twoBatchesWorthMoveOnEvenWhileABatchIsFilling() {
        Cluster cluster = cluster("t", 4, Set.of());
        StickyPartitioner partitioner = new StickyPartitioner(100, bound -> 0, (topic, p) -> true);
        int first = partitioner.stickyPartition("t", cluster);
        for (int i = 0; i < 19; i++) {
            partitioner.onAppend("t", first, 10, cluster);
        }
        assertThat(partitioner.stickyPartition("t", cluster)).isEqualTo(first);
        partitioner.onAppend("t", first, 10, cluster);
        assertThat(partitioner.stickyPartition("t", cluster)).isNotEqualTo(first);
    }

    @Test
    void aBatchWorthBelowTheLimitNeverMovesEvenWhenNothingIsFilling() {
        Cluster cluster = cluster("t", 4, Set.of());
        StickyPartitioner partitioner = new StickyPartitioner(100, bound -> 0, NOTHING_FILLING);
        int first = partitioner.stickyPartition("t", cluster);
        partitioner.onAppend("t", first, 99, cluster);
        assertThat(partitioner.stickyPartition("t", cluster)).isEqualTo(first);
    }

    @Test
    void keylessRecordsAvoidPartitionsWithoutLeader() {
        Cluster cluster = cluster("t", 4, Set.of(0, 1, 3));
        Set<Integer> chosen = new HashSet<>();
        StickyPartitioner partitioner = new StickyPartitioner(10, NOTHING_FILLING);
        for (int i = 0; i < 50; i++) {
            int p = partitioner.stickyPartition("t", cluster);
            chosen.add(p);
            partitioner.onAppend("t", p, 10, cluster);
        }
        assertThat(chosen).containsExactly(2);
    }

    @Test
    void appendsToAnotherPartitionDoNotMoveTheStickyOne() {
        Cluster cluster = cluster("t", 4, Set.of());
        StickyPartitioner partitioner = new StickyPartitioner(10, NOTHING_FILLING);
        int sticky = partitioner.stickyPartition("t", cluster);
        partitioner.onAppend("t", (sticky + 1) % 4, 1000, cluster);
        assertThat(partitioner.stickyPartition("t", cluster)).isEqualTo(sticky);
    }
}
