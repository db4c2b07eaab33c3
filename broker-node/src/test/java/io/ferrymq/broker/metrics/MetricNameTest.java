package io.ferrymq.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricNameTest {

    @Test
    void encodesAndParsesTagsInOrder() {
        MetricName name = MetricName.of("Log", "Size", "topic", "demo", "partition", "3");
        assertThat(name.encode()).isEqualTo("Log.Size{topic=demo,partition=3}");
        assertThat(MetricName.parse(name.encode())).isEqualTo(name);
        assertThat(MetricName.parse(name.encode()).tags().keySet()).containsExactly("topic", "partition");
    }

    @Test
    void escapesReservedCharactersInTagValues() {
        MetricName name = MetricName.of("ConsumerGroupMetrics", "ConsumerLag", "group", "a,b=c{d}%e+f");
        assertThat(MetricName.parse(name.encode())).isEqualTo(name);
    }

    @Test
    void foreignKeysParseAsOther() {
        assertThat(MetricName.parse("nodots")).isEqualTo(MetricName.of("Other", "nodots"));
        assertThat(MetricName.parse("Jvm.memory.heap.used")).isEqualTo(MetricName.of("Jvm", "memory.heap.used"));
    }

    @Test
    void refusesBadNamesNamingThePart() {
        assertThatThrownBy(() -> MetricName.of("A.B", "x")).hasMessageContaining("type");
        assertThatThrownBy(() -> MetricName.of("A", " ")).hasMessageContaining("name");
        assertThatThrownBy(() -> MetricName.of("A", "x", "odd")).hasMessageContaining("pairs");
    }
}
