package io.ferrymq.broker.config;

import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.ConfigType.PASSWORD;
import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.between;
import static io.ferrymq.common.config.Validators.nonEmpty;
import static io.ferrymq.common.config.Validators.nonEmptyListOf;
import static io.ferrymq.common.config.Validators.oneOf;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SaslCredentials;
import io.ferrymq.common.security.SaslMechanisms;
import java.util.List;

/**
 * The broker's SASL keys, Kafka's names: which mechanisms SASL_PLAINTEXT and SASL_SSL listeners
 * accept, how large a frame an unauthenticated client may send, and how this broker authenticates
 * to the others on a SASL inter-broker listener. Kafka's default mechanism list
 * is GSSAPI, which Ferry does not implement: Ferry's default is both SCRAM mechanisms. Stateless.
 */
public final class SaslConfigKeys {

    public static final String SASL_ENABLED_MECHANISMS = "sasl.enabled.mechanisms";
    public static final String SASL_SERVER_MAX_RECEIVE_SIZE = "sasl.server.max.receive.size";
    public static final String SASL_MECHANISM_INTER_BROKER_PROTOCOL = "sasl.mechanism.inter.broker.protocol";
    public static final String SASL_JAAS_CONFIG = SaslCredentials.SASL_JAAS_CONFIG;

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
        def.define(ServerConfigKeys.GROUP_SECURITY, SASL_MECHANISM_INTER_BROKER_PROTOCOL, STRING, "SCRAM-SHA-512",
                oneOf(SaslMechanisms.SUPPORTED.toArray(String[]::new)), MEDIUM,
                "The mechanism brokers authenticate to each other with when the inter-broker listener is "
                        + "SASL_PLAINTEXT or SASL_SSL; it must be in " + SASL_ENABLED_MECHANISMS + ".");
        def.defineOptional(ServerConfigKeys.GROUP_SECURITY, SASL_JAAS_CONFIG, PASSWORD, nonEmpty(), HIGH,
                "The broker's own user for a SASL inter-broker listener, as Kafka's JAAS entry "
                        + "(org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\" "
                        + "password=\"...\";); create that user first with ferry users add --zookeeper.");
    }

    /**
     * The credentials this broker authenticates to others with on {@code listenerName}, a SASL
     * listener: the inter-broker mechanism (which its listeners must accept) and {@code sasl.jaas.config}.
     */
    public static SaslCredentials interBrokerCredentials(BrokerConfig config, String listenerName) {
        String mechanism = config.getString(SASL_MECHANISM_INTER_BROKER_PROTOCOL);
        List<String> enabled = config.getList(SASL_ENABLED_MECHANISMS);
        if (!enabled.contains(mechanism)) {
            throw new ConfigException(SASL_MECHANISM_INTER_BROKER_PROTOCOL, SASL_MECHANISM_INTER_BROKER_PROTOCOL + " "
                    + mechanism + " is not in " + SASL_ENABLED_MECHANISMS + " " + enabled);
        }
        String jaas = config.getOptional(SASL_JAAS_CONFIG).map(String::valueOf).orElseThrow(() ->
                new ConfigException(SASL_JAAS_CONFIG, "the inter-broker listener " + listenerName + " uses SASL: set "
                        + SASL_JAAS_CONFIG + " to the broker's user"));
        return SaslCredentials.fromJaas(mechanism, jaas);
    }
}
