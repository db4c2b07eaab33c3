package io.ferrymq.coordinator.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.coordinator.metadata.PartitionState;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectionPhaseTest {

    @Test
    void everyPhaseMayStayPut() {
        for (ElectionPhase phase : ElectionPhase.values()) {
            assertThat(phase.canMoveTo(phase)).as("%s", phase).isTrue();
        }
    }

    @Test
    void closedIsTerminal() {
        assertThat(Arrays.stream(ElectionPhase.values()).filter(ElectionPhase.CLOSED::canMoveTo))
                .containsExactly(ElectionPhase.CLOSED);
    }

    @Test
    void resignedCanOnlyClose() {
        assertThat(Arrays.stream(ElectionPhase.values()).filter(ElectionPhase.RESIGNED::canMoveTo))
                .containsExactlyInAnyOrder(ElectionPhase.RESIGNED, ElectionPhase.CLOSED);
    }

    @Test
    void onlyAnElectingReplicaBecomesLeader() {
        assertThat(Arrays.stream(ElectionPhase.values()).filter(p -> p != ElectionPhase.LEADING)
                .filter(p -> p.canMoveTo(ElectionPhase.LEADING))).containsExactly(ElectionPhase.ELECTING);
    }

    @Test
    void onlyAQueuedReplicaStartsAnElection() {
        assertThat(Arrays.stream(ElectionPhase.values()).filter(p -> p != ElectionPhase.ELECTING)
                .filter(p -> p.canMoveTo(ElectionPhase.ELECTING))).containsExactly(ElectionPhase.QUEUED);
    }

    @Test
    void onlyResignedAndClosedAreFinal() {
        assertThat(Arrays.stream(ElectionPhase.values()).filter(ElectionPhase::isFinal))
                .containsExactly(ElectionPhase.RESIGNED, ElectionPhase.CLOSED);
    }

    @Test
    void policyRefusesToLeadWithoutHavingWonTheLatch() {
        ElectionPolicy policy = new ElectionPolicy(1, List.of(1, 2, 3), false);
        PartitionState elected = new PartitionState(1, 0, List.of(1, 2, 3), false);

        assertThatThrownBy(() -> policy.becomeLeader(elected)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IDLE").hasMessageContaining("LEADING");
        policy.shouldBeInLatch(PartitionState.initial(List.of(1, 2, 3)), Set.of(1, 2, 3));
        assertThatThrownBy(() -> policy.becomeLeader(elected)).isInstanceOf(IllegalStateException.class);
        assertThat(policy.isLeader()).isFalse();
    }

    @Test
    void closedPolicyCannotResignOrQueueAgain() {
        ElectionPolicy policy = new ElectionPolicy(1, List.of(1, 2, 3), false);
        policy.close();

        assertThat(policy.resign()).isFalse();
        assertThat(policy.shouldBeInLatch(PartitionState.initial(List.of(1, 2, 3)), Set.of(1, 2, 3))).isFalse();
        assertThat(policy.winLatch()).isFalse();
        assertThat(policy.phase()).isEqualTo(ElectionPhase.CLOSED);
    }
}
