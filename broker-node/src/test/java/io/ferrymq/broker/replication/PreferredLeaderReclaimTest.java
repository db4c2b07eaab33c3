package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.coordinator.metadata.PartitionState;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferredLeaderReclaimTest {

    private static final List<Integer> PREFERRING_1 = List.of(1, 2, 3);

    @Test
    void thePreferredReplicaReclaimsOnceBackInTheIsrWhileAnotherBrokerLeads() {
        assertThat(PreferredLeaderReclaim.shouldReclaim(1, PREFERRING_1,
                new PartitionState(3, 7, List.of(3, 1), false))).isTrue();
    }

    @Test
    void nothingIsReclaimedOutOfTheIsrWhenLeadingWithoutALeaderOrByAnotherReplica() {
        assertThat(PreferredLeaderReclaim.shouldReclaim(1, PREFERRING_1, new PartitionState(3, 7, List.of(3), false)))
                .as("not in the ISR yet").isFalse();
        assertThat(PreferredLeaderReclaim.shouldReclaim(1, PREFERRING_1, new PartitionState(1, 8, PREFERRING_1, false)))
                .as("leads already").isFalse();
        assertThat(PreferredLeaderReclaim.shouldReclaim(1, PREFERRING_1,
                new PartitionState(PartitionState.NO_LEADER, 7, PREFERRING_1, false))).as("no leader: the latch elects")
                .isFalse();
        assertThat(PreferredLeaderReclaim.shouldReclaim(2, PREFERRING_1, new PartitionState(3, 7, PREFERRING_1, false)))
                .as("not the preferred replica").isFalse();
    }
}
