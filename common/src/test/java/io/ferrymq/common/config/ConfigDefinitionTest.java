package io.ferrymq.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefinitionTest {

    private static final ConfigDefinition DEF = new ConfigDefinition()
            .defineRequired("g", "servers", ConfigType.LIST, Validators.nonEmpty(), Importance.HIGH, "where")
            .define("g", "retries", ConfigType.INT, 3, Validators.atLeast(0), Importance.LOW, "how often")
            .define("g", "linger.ms", ConfigType.LONG, 5L, Validators.atLeast(0), Importance.LOW, "wait")
            .define("g", "enabled", ConfigType.BOOLEAN, false, Validators.any(), Importance.LOW, "on")
            .define("g", "mode", ConfigType.STRING, "fast", Validators.oneOf("fast", "safe"), Importance.LOW, "m")
            .defineOptional("g", "rack", ConfigType.STRING, Validators.nonEmpty(), Importance.LOW, "rack");

    @Test
    void parsesTextAndTypedValuesAndFillsDefaults() {
        ParsedConfig config = DEF.parse(Map.of("servers", " a, b ,", "linger.ms", 7, "enabled", "TRUE"));

        assertThat(config.getList("servers")).containsExactly("a", "b");
        assertThat(config.getLong("linger.ms")).isEqualTo(7L);
        assertThat(config.getBoolean("enabled")).isTrue();
        assertThat(config.getInt("retries")).isEqualTo(3);
        assertThat(config.getOptional("rack")).isEmpty();
        assertThat(config.isExplicit("linger.ms")).isTrue();
        assertThat(config.isExplicit("retries")).isFalse();
        assertThat(DEF.parse(Map.of("servers", List.of("x"), "retries", 1)).getInt("retries")).isEqualTo(1);
    }

    @Test
    void everyProblemIsListedInOneException() {
        assertThatThrownBy(() -> DEF.parse(Map.of("retries", "-1", "mode", "FAST", "enabled", "yes", "retires", "2")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(5);
                    assertThat(e.key()).isEmpty();
                    assertThat(e.problems().get(0))
                            .isEqualTo("Unknown configuration 'retires' (did you mean 'retries'?)");
                    assertThat(e.getMessage()).contains("Missing required configuration 'servers'")
                            .contains("'retries': allowed values are [0,...]")
                            .contains("'mode': allowed values are one of [fast, safe]")
                            .contains("'enabled': expected true or false");
                });
    }

    @Test
    void aKeyFarFromEveryDefinedKeyGetsNoSuggestion() {
        assertThatThrownBy(() -> DEF.parse(Map.of("servers", "a", "compression.codec", "x")))
                .hasMessage("Unknown configuration 'compression.codec'");
    }

    @Test
    void aValueOfAnotherJavaTypeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> DEF.parse(Map.of("servers", "a", "retries", 1.5)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).contains("retries"))
                .hasMessageContaining("expected a value of type int but got a Double");
    }

    @Test
    void describeListsEveryKeyWithItsEffectiveValue() {
        assertThat(DEF.parse(Map.of("servers", "a,b")).describe()).contains("\tservers = a,b")
                .contains("\tretries = 3").contains("\track = null");
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

    @Test
    void markdownHasOneTablePerGroupInDefinitionOrder() {
        String doc = ConfigDocs.markdown("Title", DEF);

        assertThat(doc).startsWith("# Title\n\n").contains("\n## g\n\n")
                .contains("| `servers` | list | `(required)` | non-empty | high | where |")
                .contains("| `mode` | string | `fast` | one of [fast, safe] | low | m |");
        assertThat(doc.indexOf("`servers`")).isLessThan(doc.indexOf("`rack`"));
    }

    @Test
    void dynamicMarksTheKeyDefinedLastAndTheReferenceShowsTheUpdateMode() {
        ConfigDefinition def = new ConfigDefinition()
                .define("g", "fixed", ConfigType.INT, 1, Validators.atLeast(0), Importance.LOW, "set at start")
                .define("g", "live", ConfigType.INT, 2, Validators.atLeast(0), Importance.LOW, "set at run time")
                .dynamic();

        assertThat(def.key("live").orElseThrow().dynamic()).isTrue();
        assertThat(def.key("fixed").orElseThrow().dynamic()).isFalse();
        assertThat(ConfigDocs.markdown("T", def))
                .contains("| `live` | int | `2` | [0,...] | low | dynamic | set at run time |")
                .contains("| `fixed` | int | `1` | [0,...] | low | read-only | set at start |");
        assertThat(ConfigDocs.markdown("T", DEF)).as("no update-mode column without a dynamic key")
                .doesNotContain("read-only");
        assertThatThrownBy(() -> new ConfigDefinition().dynamic()).isInstanceOf(IllegalStateException.class);
    }
}
