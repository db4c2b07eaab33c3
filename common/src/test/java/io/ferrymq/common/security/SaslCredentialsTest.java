package io.ferrymq.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ParsedConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaslCredentialsTest {

    private static final ConfigDefinition KEYS = SaslConfigKeys.defineInto(new ConfigDefinition(), "Security");

    @Test
    void parsesKafkasScramAndPlainLoginModules() {
        SaslCredentials scram = SaslCredentials.fromJaas("SCRAM-SHA-256",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
                        + "password=\"p@ss \\\"quoted\\\" ;=\";");
        SaslCredentials plain = SaslCredentials.fromJaas("PLAIN",
                "org.apache.kafka.common.security.plain.PlainLoginModule required\n  password=\"x\"\n  username=\"bob\";");

        assertThat(scram).isEqualTo(new SaslCredentials("SCRAM-SHA-256", "alice", "p@ss \"quoted\" ;="));
        assertThat(plain).isEqualTo(new SaslCredentials("PLAIN", "bob", "x"));
        assertThat(scram.toString()).doesNotContain("p@ss");
    }

    @Test
    void refusesTheWrongModuleAMissingOptionAndGarbageWithoutEchoingThePassword() {
        assertThatThrownBy(() -> SaslCredentials.fromJaas("PLAIN",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"secret\";"))
                .hasMessageContaining("needs org.apache.kafka.common.security.plain.PlainLoginModule")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SaslCredentials.fromJaas("SCRAM-SHA-512",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\";"))
                .hasMessageContaining("has no password=");
        assertThatThrownBy(() -> SaslCredentials.fromJaas("SCRAM-SHA-512", "username=a password=secret"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sasl.jaas.config").hasMessageNotContaining("secret");
    }

    @Test
    void ferrysSimplerKeysAreAnAlternativeNotAnAddition() {
        ParsedConfig simple = KEYS.parse(Map.of("sasl.mechanism", "PLAIN", "sasl.username", "u", "sasl.password", "p"));
        ParsedConfig both = KEYS.parse(Map.of("sasl.username", "u", "sasl.password", "p",
                "sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";"));
        ParsedConfig half = KEYS.parse(Map.of("sasl.username", "u"));

        assertThat(SaslConfigKeys.credentials(simple, true)).contains(new SaslCredentials("PLAIN", "u", "p"));
        assertThatThrownBy(() -> SaslConfigKeys.credentials(both, true)).hasMessageContaining("not both");
        assertThatThrownBy(() -> SaslConfigKeys.credentials(half, true)).hasMessageContaining("sasl.password");
        assertThatThrownBy(() -> SaslConfigKeys.credentials(KEYS.parse(Map.of()), true))
                .hasMessageContaining("a SASL security.protocol needs sasl.jaas.config or sasl.username/sasl.password");
        assertThat(SaslConfigKeys.credentials(KEYS.parse(Map.of()), false)).isEmpty();
    }
}
