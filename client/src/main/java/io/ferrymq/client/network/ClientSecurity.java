package io.ferrymq.client.network;

import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslEngineFactory;
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

    /** TLS without SASL. */
    public static ClientSecurity ssl(SslEngineFactory tls) {
        return new ClientSecurity(SecurityProtocol.SSL, Optional.of(tls));
    }
}
