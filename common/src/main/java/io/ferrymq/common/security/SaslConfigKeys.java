package io.ferrymq.common.security;

import static io.ferrymq.common.config.ConfigType.PASSWORD;
import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.nonEmpty;
import static io.ferrymq.common.config.Validators.oneOf;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ParsedConfig;
import java.util.Optional;

/**
 * A client's SASL keys, Kafka's names plus Ferry's simpler pair: {@code sasl.mechanism} with either
 * {@code sasl.jaas.config} (Kafka's {@code ScramLoginModule} / {@code PlainLoginModule} entry) or
 * {@code sasl.username} and {@code sasl.password}, not both. The password and the JAAS entry are
 * {@code PASSWORD} values: never shown in a formatted configuration. Stateless.
 */
public final class SaslConfigKeys {

    public static final String SASL_MECHANISM = "sasl.mechanism";
    public static final String SASL_JAAS_CONFIG = SaslCredentials.SASL_JAAS_CONFIG;
    public static final String SASL_USERNAME = "sasl.username";
    public static final String SASL_PASSWORD = "sasl.password";

    private SaslConfigKeys() {
    }

    public static ConfigDefinition defineInto(ConfigDefinition def, String group) {
        def.define(group, SASL_MECHANISM, STRING, "SCRAM-SHA-512", oneOf(SaslMechanisms.SUPPORTED.toArray(String[]::new)),
                MEDIUM, "SASL mechanism of SASL_PLAINTEXT/SASL_SSL connections: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 "
                        + "(Kafka's default GSSAPI is not implemented).");
        def.defineOptional(group, SASL_JAAS_CONFIG, PASSWORD, nonEmpty(), HIGH,
                "Kafka's JAAS entry, e.g. org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"u\" password=\"p\"; (PlainLoginModule for PLAIN).");
        def.defineOptional(group, SASL_USERNAME, STRING, nonEmpty(), HIGH,
                "Ferry-specific: the SASL username, instead of " + SASL_JAAS_CONFIG + ".");
        def.defineOptional(group, SASL_PASSWORD, PASSWORD, nonEmpty(), HIGH,
                "Ferry-specific: the SASL password, with " + SASL_USERNAME + ".");
        return def;
    }

    /** The credentials in {@code config}; {@code required} when the security protocol is a SASL one. */
    public static Optional<SaslCredentials> credentials(ParsedConfig config, boolean required) {
        String mechanism = config.getString(SASL_MECHANISM);
        Optional<String> jaas = config.getOptional(SASL_JAAS_CONFIG).map(String::valueOf);
        Optional<String> username = config.getOptional(SASL_USERNAME).map(String::valueOf);
        Optional<String> password = config.getOptional(SASL_PASSWORD).map(String::valueOf);
        if (jaas.isPresent() && (username.isPresent() || password.isPresent())) {
            throw new ConfigException(SASL_JAAS_CONFIG, "set either " + SASL_JAAS_CONFIG + " or " + SASL_USERNAME
                    + "/" + SASL_PASSWORD + ", not both");
        }
        if (jaas.isPresent()) {
            return Optional.of(SaslCredentials.fromJaas(mechanism, jaas.get()));
        }
        if (username.isPresent() != password.isPresent()) {
            String missing = username.isPresent() ? SASL_PASSWORD : SASL_USERNAME;
            String given = username.isPresent() ? SASL_USERNAME : SASL_PASSWORD;
            throw new ConfigException(missing, missing + " is required with " + given);
        }
        if (username.isEmpty() && required) {
            throw new ConfigException(SASL_JAAS_CONFIG, "a SASL security.protocol needs " + SASL_JAAS_CONFIG
                    + " or " + SASL_USERNAME + "/" + SASL_PASSWORD);
        }
        return username.map(u -> new SaslCredentials(mechanism, u, password.orElseThrow()));
    }
}
