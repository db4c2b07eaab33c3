package io.ferrymq.broker.server;

import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslEngineFactory;
import io.ferrymq.common.security.SslSettings;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.util.Optional;
import java.util.function.Function;

/**
 * How one listener secures its connections, by its security protocol: nothing for
 * {@code PLAINTEXT}; Netty's {@link SslHandler} over a JDK engine as the first handler for
 * {@code SSL} (so no request is read before the handshake succeeded); and for the SASL protocols
 * an {@link Authenticator} step between the frame decoder and the request handler (over TLS for
 * {@code SASL_SSL}). The pipeline of {@link SocketServer} names its handlers {@code idle},
 * {@code frames} and {@code requests}; {@link #install} runs once per connection, before any byte
 * is read. The connection's principal is then found by {@link ConnectionPrincipal}.
 *
 * <p>Immutable and thread-safe: one instance serves every connection of its listener.
 */
public final class ListenerSecurity {

    static final String SSL_HANDLER = "ssl";
    static final String AUTHENTICATOR = "authenticator";

    private final Endpoint listener;
    private final Optional<SslEngineFactory> tls;
    private final Optional<Authenticator> authenticator;

    private ListenerSecurity(Endpoint listener, Optional<SslEngineFactory> tls, Optional<Authenticator> authenticator) {
        this.listener = listener;
        this.tls = tls;
        this.authenticator = authenticator;
    }

    /** A listener in clear that authenticates nobody (every connection is {@code User:ANONYMOUS}). */
    public static ListenerSecurity plaintext(Endpoint listener) {
        if (listener.securityProtocol() != SecurityProtocol.PLAINTEXT) {
            throw new IllegalArgumentException("listener " + listener + " is " + listener.securityProtocol()
                    + ", not PLAINTEXT: build it with ListenerSecurity.of");
        }
        return new ListenerSecurity(listener, Optional.empty(), Optional.empty());
    }

    /**
     * The security of {@code listener}: its TLS settings come from {@code sslSettings} (by listener
     * name), its SASL step from {@code authenticator}. A SASL listener without an authenticator is
     * refused with a {@link ConfigException}: no connection may skip its authentication.
     */
    public static ListenerSecurity of(Endpoint listener, Function<String, SslSettings> sslSettings,
                                      Optional<Authenticator> authenticator) {
        Optional<SslEngineFactory> tls = listener.securityProtocol().isTls()
                ? Optional.of(new SslEngineFactory(sslSettings.apply(listener.listenerName())))
                : Optional.empty();
        if (!listener.securityProtocol().isSasl()) {
            return new ListenerSecurity(listener, tls, Optional.empty());
        }
        if (authenticator.isEmpty()) {
            throw new ConfigException("listeners", "listener " + listener + " uses " + listener.securityProtocol()
                    + ", but this broker has no SASL authenticator (SaslHandshake/SaslAuthenticate are not served "
                    + "yet); use PLAINTEXT or SSL");
        }
        return new ListenerSecurity(listener, tls, authenticator);
    }

    public Endpoint listener() {
        return listener;
    }

    /** Adds this listener's handlers to a new connection's pipeline. */
    void install(ChannelPipeline pipeline) {
        tls.ifPresent(factory -> pipeline.addFirst(SSL_HANDLER, new SslHandler(factory.newServerEngine())));
        authenticator.ifPresent(a -> a.install(pipeline, listener));
    }
}
