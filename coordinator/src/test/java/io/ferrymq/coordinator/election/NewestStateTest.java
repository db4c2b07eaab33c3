package io.ferrymq.coordinator.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.Versioned;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewestStateTest {

    private static Versioned<PartitionState> state(int leader, int epoch, int version) {
        return new Versioned<>(new PartitionState(leader, epoch, List.of(1, 2, 3), false), version);
    }

    @Test
    void holdsNothingBeforeTheFirstState() {
        assertThat(new NewestState().get()).isEmpty();
    }

    @Test
    void takesANewerVersion() {
        NewestState known = new NewestState();
        known.offer(state(1, 0, 1));

        assertThat(known.offer(state(2, 1, 2))).isTrue();
        assertThat(known.get()).contains(state(2, 1, 2));
    }

    /** The cache's event for a version arrives after the elector's own read or write of a later one. */
    @Test
    void refusesAnOlderVersionThanItHasSeen() {
        NewestState known = new NewestState();
        known.offer(state(2, 1, 5));

        assertThat(known.offer(state(1, 0, 4))).isFalse();
        assertThat(known.get()).contains(state(2, 1, 5));
    }

    /** A re-read after a lost election write finds the same version and must be looked at again. */
    @Test
    void takesTheSameVersionAgain() {
        NewestState known = new NewestState();
        known.offer(state(2, 1, 5));

        assertThat(known.offer(state(2, 1, 5))).isTrue();
    }

    @Test
    void takesAnyVersionOnceThePartitionWasGone() {
        NewestState known = new NewestState();
        known.offer(state(2, 7, 30));

        known.forget();

        assertThat(known.get()).isEmpty();
        assertThat(known.offer(state(-1, -1, 0))).isTrue();
        assertThat(known.get()).contains(state(-1, -1, 0));
    }
}
