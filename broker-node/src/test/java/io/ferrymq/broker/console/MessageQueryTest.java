package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MessageQueryTest {

    @Test
    void parsesTopicPartitionOffsetAndLimitWithDefaults() {
        assertThat(MessageQuery.parse("topic=my%20topic&partition=2&offset=15&limit=5"))
                .isEqualTo(new MessageQuery("my topic", 2, OptionalLong.of(15), OptionalLong.empty(), 5));
        assertThat(MessageQuery.parse("topic=t&timestamp=1700000000000&offset="))
                .isEqualTo(new MessageQuery("t", 0, OptionalLong.empty(), OptionalLong.of(1_700_000_000_000L),
                        MessageQuery.DEFAULT_LIMIT));
    }

    @Test
    void refusesNamingTheBadParameter() {
        assertThatThrownBy(() -> MessageQuery.parse("partition=1")).hasMessage("topic is required");
        assertThatThrownBy(() -> MessageQuery.parse("topic=t&offset=x")).hasMessage("offset must be an integer, was 'x'");
        assertThatThrownBy(() -> MessageQuery.parse("topic=t&offset=1&timestamp=2")).hasMessage("give offset or timestamp, not both");
        assertThatThrownBy(() -> MessageQuery.parse("topic=t&limit=501")).hasMessage("limit must be in 1..500, was 501");
        assertThatThrownBy(() -> MessageQuery.parse("topic=t&partition=-1")).hasMessage("partition must be >= 0, was -1");
    }
}
