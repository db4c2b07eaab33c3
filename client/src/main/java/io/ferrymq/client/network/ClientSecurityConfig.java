package io.ferrymq.client.network;

import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Validators.oneOf;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ParsedConfig;
import io.ferrymq.common.security.SaslConfigKeys;
import io.ferrymq.common.security.SaslCredentials;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslConfigKeys;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.common.security.SslSettings;
import java.util.Optional;

/**
 * The security keys every client (producer, consumer, admin) accepts, Kafka's names:
 * {@code security.protocol}, the {@code ssl.*} keys ({@link SslConfigKeys}) and the SASL keys
 * ({@link SaslConfigKeys}), and the one place they become a {@link ClientSecurity}. SASL credentials
 * given with a protocol that does not use them are refused, so a setting is never silently ignored.
 * Stateless.
 */
public final class ClientSecurityConfig {

    public static final String SECURITY_PROTOCOL = "security.protocol";
    static final String GROUP = "Security";

    private ClientSecurityConfig() {
    }

    public static ConfigDefinition defineInto(ConfigDefinition def) {
        def.define(GROUP, SECURITY_PROTOCOL, STRING, "PLAINTEXT", oneOf(SecurityProtocol.names()), HIGH,
                "How to talk to brokers: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
        SslConfigKeys.defineInto(def, GROUP);
        return SaslConfigKeys.defineInto(def, GROUP);
    }

    public static ClientSecurity from(ParsedConfig config) {
        SecurityProtocol protocol = SecurityProtocol.parse(SECURITY_PROTOCOL, config.getString(SECURITY_PROTOCOL));
        Optional<SslEngineFactory> tls = protocol.isTls()
                ? Optional.of(new SslEngineFactory(SslSettings.forClient(config))) : Optional.empty();
        Optional<SaslCredentials> sasl = SaslConfigKeys.credentials(config, protocol.isSasl());
        if (!protocol.isSasl() && sasl.isPresent()) {
            throw new ConfigException(SECURITY_PROTOCOL, SECURITY_PROTOCOL + " is " + protocol
                    + ", but SASL credentials are set: use SASL_PLAINTEXT or SASL_SSL, or remove them");
        }
        return sasl.map(credentials -> ClientSecurity.sasl(tls, credentials))
                .orElseGet(() -> new ClientSecurity(protocol, tls));
    }
}
