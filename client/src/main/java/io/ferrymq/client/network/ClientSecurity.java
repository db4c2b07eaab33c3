package io.ferrymq.client.network;

import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ParsedConfig;
import io.ferrymq.common.security.SaslConfigKeys;
import io.ferrymq.common.security.SaslCredentials;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslConfigKeys;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.common.security.SslSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link NetworkClient} secures its connections: the {@code security.protocol}; for
 * {@code SSL} and {@code SASL_SSL}, the engine factory whose client engines verify the broker (its
 * certificate chain against the trust store, its host name unless
 * {@code ssl.endpoint.identification.algorithm} is empty) and present this side's certificate
 * when a key store is set; for {@code SASL_PLAINTEXT} and {@code SASL_SSL}, the credentials each new
 * connection authenticates with before it is used ({@link SaslClientAuthenticator}).
 *
 * <p>Immutable and thread-safe.
 */
public record ClientSecurity(SecurityProtocol protocol, Optional<SslEngineFactory> tls, Optional<SaslCredentials> sasl) {

    public static final ClientSecurity PLAINTEXT = new ClientSecurity(SecurityProtocol.PLAINTEXT, Optional.empty());

    /** The client key {@code security.protocol}, as Kafka's. */
    public static final String SECURITY_PROTOCOL = "security.protocol";

    public ClientSecurity {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(sasl, "sasl");
        if (protocol.isTls() != tls.isPresent()) {
            throw new IllegalArgumentException(protocol + (protocol.isTls() ? " needs" : " takes no") + " TLS settings");
        }
        if (protocol.isSasl() != sasl.isPresent()) {
            throw new IllegalArgumentException(protocol + (protocol.isSasl() ? " needs" : " takes no") + " SASL credentials");
        }
    }

    /** Without SASL: {@code PLAINTEXT} or {@code SSL}. */
    public ClientSecurity(SecurityProtocol protocol, Optional<SslEngineFactory> tls) {
        this(protocol, tls, Optional.empty());
    }

    /** Adds {@code security.protocol}, the client's {@code ssl.*} keys and the SASL keys to {@code def}. */
    public static ConfigDefinition defineInto(ConfigDefinition def, String group) {
        def.define(group, SECURITY_PROTOCOL, STRING, "PLAINTEXT", SecurityProtocol.validator(), HIGH,
                "How connections to brokers are secured: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL; SSL uses the "
                        + "ssl.* settings, SASL the sasl.* settings.");
        SslConfigKeys.defineInto(def, group);
        return SaslConfigKeys.defineInto(def, group);
    }

    /**
     * The security a parsed client configuration asks for (its definition made by {@link #defineInto}).
     * TLS stores and SASL credentials are read here, so a bad one fails the client's construction with
     * a {@link ConfigException} naming the key; SASL credentials with a protocol that would not use
     * them are refused rather than ignored.
     */
    public static ClientSecurity from(ParsedConfig config) {
        SecurityProtocol protocol = SecurityProtocol.parse(SECURITY_PROTOCOL, config.getString(SECURITY_PROTOCOL));
        Optional<SslEngineFactory> tls = protocol.isTls()
                ? Optional.of(new SslEngineFactory(SslSettings.forClient(config))) : Optional.empty();
        Optional<SaslCredentials> sasl = SaslConfigKeys.credentials(config, protocol.isSasl());
        if (!protocol.isSasl() && sasl.isPresent()) {
            throw new ConfigException(SECURITY_PROTOCOL, SECURITY_PROTOCOL + " is " + protocol
                    + ", but SASL credentials are set: use SASL_PLAINTEXT or SASL_SSL, or remove them");
        }
        return new ClientSecurity(protocol, tls, sasl);
    }

    /** TLS without SASL. */
    public static ClientSecurity ssl(SslEngineFactory tls) {
        return new ClientSecurity(SecurityProtocol.SSL, Optional.of(tls));
    }

    /** {@code SASL_PLAINTEXT} (no {@code tls}) or {@code SASL_SSL}, authenticating with {@code credentials}. */
    public static ClientSecurity sasl(Optional<SslEngineFactory> tls, SaslCredentials credentials) {
        return new ClientSecurity(tls.isPresent() ? SecurityProtocol.SASL_SSL : SecurityProtocol.SASL_PLAINTEXT, tls,
                Optional.of(credentials));
    }
}
