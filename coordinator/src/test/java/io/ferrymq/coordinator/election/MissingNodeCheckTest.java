package io.ferrymq.coordinator.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MissingNodeCheckTest {

    @Test
    void aNodeMissingForTwoQuietChecksIsLostAndTheNextDecisionWaitsTwiceAsLong() {
        MissingNodeCheck check = new MissingNodeCheck(2, 8);
        assertThat(check.check(true, false)).isFalse();
        assertThat(check.check(true, false)).isTrue();
        assertThat(check.required()).isEqualTo(4);
        for (int i = 0; i < 3; i++) {
            assertThat(check.check(true, false)).isFalse();
        }
        assertThat(check.check(true, false)).isTrue();
        assertThat(check.required()).isEqualTo(8);
        for (int i = 0; i < 7; i++) {
            assertThat(check.check(true, false)).isFalse();
        }
        assertThat(check.check(true, false)).isTrue();
        assertThat(check.required()).isEqualTo(8);
    }

    @Test
    void checksWhileOtherCreationsProgressDoNotCount() {
        MissingNodeCheck check = new MissingNodeCheck(2, 8);
        assertThat(check.check(true, false)).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(check.check(true, true)).isFalse();
        }
        assertThat(check.check(true, false)).isTrue();
    }

    @Test
    void aNodeSeenOrALeftLatchStartsTheCountAgain() {
        MissingNodeCheck check = new MissingNodeCheck(2, 8);
        assertThat(check.check(true, false)).isFalse();
        assertThat(check.check(false, false)).isFalse();
        assertThat(check.check(true, false)).isFalse();
        check.reset();
        assertThat(check.check(true, false)).isFalse();
        assertThat(check.check(true, false)).isTrue();
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> new MissingNodeCheck(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MissingNodeCheck(4, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
