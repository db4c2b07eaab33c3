package io.ferrymq.broker.config;

import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.between;
import static io.ferrymq.common.config.Validators.nonEmptyListOf;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.security.SaslMechanisms;
import java.util.List;

/**
 * The broker's SASL keys, Kafka's names: which mechanisms SASL_PLAINTEXT and SASL_SSL listeners
 * accept, and how large a frame an unauthenticated client may send. Kafka's default mechanism list
 * is GSSAPI, which Ferry does not implement: Ferry's default is both SCRAM mechanisms. Stateless.
 */
public final class SaslConfigKeys {

    public static final String SASL_ENABLED_MECHANISMS = "sasl.enabled.mechanisms";
    public static final String SASL_SERVER_MAX_RECEIVE_SIZE = "sasl.server.max.receive.size";

    private SaslConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        def.define(ServerConfigKeys.GROUP_SECURITY, SASL_ENABLED_MECHANISMS, LIST,
                List.of("SCRAM-SHA-256", "SCRAM-SHA-512"), nonEmptyListOf(SaslMechanisms.SUPPORTED.toArray(String[]::new)),
                HIGH, "The SASL mechanisms SASL_PLAINTEXT and SASL_SSL listeners accept (PLAIN, SCRAM-SHA-256, "
                        + "SCRAM-SHA-512); PLAIN checks the password against the user's SCRAM credential.");
        def.define(ServerConfigKeys.GROUP_SECURITY, SASL_SERVER_MAX_RECEIVE_SIZE, INT, 524_288,
                between(1, Integer.MAX_VALUE - 4), MEDIUM,
                "Largest frame a client may send before it has authenticated on a SASL listener; a larger length "
                        + "prefix closes the connection before anything that size is buffered.");
    }
}
