package io.ferrymq.client.network;

import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Validators.oneOf;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ParsedConfig;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslConfigKeys;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.common.security.SslSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link NetworkClient} secures its connections: the {@code security.protocol} and, for
 * {@code SSL} and {@code SASL_SSL}, the engine factory whose client engines verify the broker (its
 * certificate chain against the trust store, its host name unless
 * {@code ssl.endpoint.identification.algorithm} is empty) and present this side's certificate
 * when a key store is set.
 *
 * <p>Immutable and thread-safe.
 */
public record ClientSecurity(SecurityProtocol protocol, Optional<SslEngineFactory> tls) {

    public static final ClientSecurity PLAINTEXT = new ClientSecurity(SecurityProtocol.PLAINTEXT, Optional.empty());

    public ClientSecurity {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(tls, "tls");
        if (protocol.isTls() != tls.isPresent()) {
            throw new IllegalArgumentException(protocol + (protocol.isTls() ? " needs" : " takes no") + " TLS settings");
        }
    }

    /** The client key {@code security.protocol}, as Kafka's. */
    public static final String SECURITY_PROTOCOL = "security.protocol";

    /** Adds {@code security.protocol} and the client's {@code ssl.*} keys to {@code def}. */
    public static ConfigDefinition defineInto(ConfigDefinition def, String group) {
        def.define(group, SECURITY_PROTOCOL, STRING, "PLAINTEXT", oneOf(SecurityProtocol.names()), HIGH,
                "How connections to brokers are secured: PLAINTEXT or SSL (the SASL protocols are refused "
                        + "until SASL is implemented); SSL uses the ssl.* settings.");
        return SslConfigKeys.defineInto(def, group);
    }

    /**
     * The security a parsed client configuration asks for (its definition made by {@link #defineInto}).
     * TLS stores are read here, so a bad one fails the client's construction with a
     * {@link ConfigException} naming the key.
     */
    public static ClientSecurity from(ParsedConfig config) {
        SecurityProtocol protocol = SecurityProtocol.parse(SECURITY_PROTOCOL, config.getString(SECURITY_PROTOCOL));
        if (protocol.isSasl()) {
            throw ConfigException.invalid(SECURITY_PROTOCOL, protocol, "PLAINTEXT or SSL: this client has no SASL "
                    + "mechanism yet (SaslHandshake/SaslAuthenticate)");
        }
        return protocol.isTls() ? ssl(new SslEngineFactory(SslSettings.forClient(config))) : PLAINTEXT;
    }

    /** TLS without SASL. */
    public static ClientSecurity ssl(SslEngineFactory tls) {
        return new ClientSecurity(SecurityProtocol.SSL, Optional.of(tls));
    }
}
