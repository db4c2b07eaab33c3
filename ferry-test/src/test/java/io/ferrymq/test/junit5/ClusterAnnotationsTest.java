package io.ferrymq.test.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterAnnotationsTest {

    @Test
    void brokerSettingsAreKeyValuePairsInOrderAndValuesMayHoldEquals() {
        assertThat(ClusterAnnotations.brokerSettings(new String[] {"log.retention.ms = 1000", "sasl.jaas.config=a=b"}))
                .containsExactly(Map.entry("log.retention.ms", "1000"), Map.entry("sasl.jaas.config", "a=b"));
    }

    @Test
    void anEntryWithoutAKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> ClusterAnnotations.brokerSettings(new String[] {"=1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'=1'");
        assertThatThrownBy(() -> ClusterAnnotations.brokerSettings(new String[] {"no-value"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-value");
    }
}
