package io.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void referenceHasOneRowPerKeyWithDefaultAndAllowedValues() {
        String doc = ConfigDocs.brokerReference();

        for (ConfigKey key : BrokerConfigKeys.DEFINITION.keys()) {
            assertThat(doc).contains("| `" + key.name() + "` |");
        }
        assertThat(doc).contains("| `message.max.bytes` | int | `1048588` | [0,...] | high |");
        assertThat(doc).contains("| `broker.id` | int | `(required)` |");
        assertThat(doc).contains("## Replication");
    }

    @Test
    void referenceIsDeterministic() {
        assertThat(ConfigDocs.brokerReference()).isEqualTo(ConfigDocs.brokerReference());
    }

    @Test
    void aKeyCannotBeDefinedTwiceOrWithABadDefault() {
        ConfigDefinition def = new ConfigDefinition()
                .define("g", "a.b", ConfigType.INT, 1, Validators.any(), Importance.LOW, "doc");
        assertThatThrownBy(() -> def.define("g", "a.b", ConfigType.INT, 2, Validators.any(), Importance.LOW, "d"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> def.define("g", "c", ConfigType.INT, 0, Validators.atLeast(1), Importance.LOW, "d"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> def.define("g", "d", ConfigType.LIST, "x", Validators.any(), Importance.LOW, "d"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(def.keys()).extracting(ConfigKey::name).isEqualTo(List.of("a.b"));
    }
}
