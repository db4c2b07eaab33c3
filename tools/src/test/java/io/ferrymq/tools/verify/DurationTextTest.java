package io.ferrymq.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void wholeNumbersWithAUnitParse() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationText.parse(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        assertThatThrownBy(() -> DurationText.parse("2 minutes")).hasMessageContaining("'2 minutes' is not a duration");
        assertThatThrownBy(() -> DurationText.parse("1.5s")).hasMessageContaining("'1.5s'");
        assertThatThrownBy(() -> DurationText.parse("10")).hasMessageContaining("'10'");
    }
}
