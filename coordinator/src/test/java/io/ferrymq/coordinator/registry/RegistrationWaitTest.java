package io.ferrymq.coordinator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.coordinator.registry.RegistrationWait.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RegistrationWaitTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long ME = 0x100L;
    private static final long OTHER = 0x200L;
    private final RegistrationWait wait = new RegistrationWait(START, Duration.ofSeconds(6), Duration.ofSeconds(3));

    @Test
    void deadlineIsSessionTimeoutPlusMarginAfterStart() {
        assertThat(wait.deadline()).isEqualTo(START.plusSeconds(9));
    }

    @Test
    void absentNodeIsRegisteredAtOnce() {
        assertThat(wait.verdict(OptionalLong.empty(), ME, START)).isEqualTo(Verdict.REGISTER);
    }

    @Test
    void nodeOfThisSessionIsRegisteredEvenAfterTheDeadline() {
        assertThat(wait.verdict(OptionalLong.of(ME), ME, START.plusSeconds(60))).isEqualTo(Verdict.REGISTER);
    }

    @Test
    void nodeOfAnotherSessionIsWaitedForUntilTheDeadline() {
        assertThat(wait.verdict(OptionalLong.of(OTHER), ME, START)).isEqualTo(Verdict.WAIT);
        assertThat(wait.verdict(OptionalLong.of(OTHER), ME, START.plusMillis(8_999))).isEqualTo(Verdict.WAIT);
    }

    @Test
    void nodeOfAnotherSessionAtTheDeadlineIsRefused() {
        assertThat(wait.verdict(OptionalLong.of(OTHER), ME, START.plusSeconds(9))).isEqualTo(Verdict.REFUSE);
        assertThat(wait.verdict(OptionalLong.of(OTHER), ME, START.plusSeconds(30))).isEqualTo(Verdict.REFUSE);
    }

    @Test
    void nodeThatVanishesDuringTheWaitIsRegistered() {
        assertThat(wait.verdict(OptionalLong.of(OTHER), ME, START.plusSeconds(4))).isEqualTo(Verdict.WAIT);
        assertThat(wait.verdict(OptionalLong.empty(), ME, START.plusSeconds(5))).isEqualTo(Verdict.REGISTER);
    }

    @Test
    void pollsEveryIntervalButNeverPastTheDeadline() {
        assertThat(wait.nextPoll(START)).isEqualTo(RegistrationWait.POLL_INTERVAL);
        assertThat(wait.nextPoll(START.plusMillis(8_900))).isEqualTo(Duration.ofMillis(100));
        assertThat(wait.nextPoll(START.plusSeconds(10))).isEqualTo(Duration.ZERO);
    }

    @Test
    void waitedIsTheTimeSinceStart() {
        assertThat(wait.waited(START.plusMillis(1_234))).isEqualTo(Duration.ofMillis(1_234));
    }

    @Test
    void rejectsNonPositiveSessionTimeoutAndNegativeMargin() {
        assertThatThrownBy(() -> new RegistrationWait(START, Duration.ZERO, Duration.ZERO))
                .hasMessage("session timeout must be positive, was 0 ms");
        assertThatThrownBy(() -> new RegistrationWait(START, Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .hasMessage("margin must not be negative, was -1 ms");
    }
}
