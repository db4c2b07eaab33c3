package io.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.config.ConfigKey;
import org.junit.jupiter.api.Test;

class BrokerConfigKeysTest {

    @Test
    void referenceHasOneRowPerKeyWithDefaultAndAllowedValues() {
        String doc = BrokerConfigKeys.reference();

        for (ConfigKey key : BrokerConfigKeys.DEFINITION.keys()) {
            assertThat(doc).contains("| `" + key.name() + "` |");
        }
        assertThat(doc).contains("| `message.max.bytes` | int | `1048588` | [0,...] | high |");
        assertThat(doc).contains("| `broker.id` | int | `(required)` |");
        assertThat(doc).contains("| `listeners` | list | `PLAINTEXT://:9092` | comma-separated list of NAME://host:port |");
        assertThat(doc).contains("## Replication");
    }

    @Test
    void referenceIsDeterministic() {
        assertThat(BrokerConfigKeys.reference()).isEqualTo(BrokerConfigKeys.reference());
    }
}
