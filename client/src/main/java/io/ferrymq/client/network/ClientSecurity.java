package io.ferrymq.client.network;

import io.ferrymq.common.security.SaslCredentials;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslEngineFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link NetworkClient} secures its connections: the {@code security.protocol} and, for
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

    /** {@code SASL_PLAINTEXT} (no {@code tls}) or {@code SASL_SSL}, authenticating with {@code credentials}. */
    public static ClientSecurity sasl(Optional<SslEngineFactory> tls, SaslCredentials credentials) {
        return new ClientSecurity(tls.isPresent() ? SecurityProtocol.SASL_SSL : SecurityProtocol.SASL_PLAINTEXT, tls,
                Optional.of(credentials));
    }

    /** TLS without SASL. */
    public static ClientSecurity ssl(SslEngineFactory tls) {
        return new ClientSecurity(SecurityProtocol.SSL, Optional.of(tls));
    }
}
