package io.ferrymq.broker.server;

import io.ferrymq.broker.security.Principal;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Who is on the other end of a connection, as Kafka's default principal builder says: the
 * principal an {@link Authenticator} recorded; else, over TLS, {@code User:<subject DN>} of the
 * client certificate (RFC 2253 form, e.g. {@code User:CN=client,O=Ferry}) when the client
 * presented one; else {@link Principal#ANONYMOUS}. The answer is kept on the channel once found.
 *
 * <p>Stateless; call on the connection's event loop.
 */
public final class ConnectionPrincipal {

    private static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf("ferry.principal");

    private ConnectionPrincipal() {
    }

    /** Records the principal an authenticator established for {@code channel}. */
    public static void set(Channel channel, Principal principal) {
        channel.attr(PRINCIPAL).set(principal);
    }

    /** The principal of {@code channel} (see the class comment). */
    public static Principal of(Channel channel) {
        Principal known = channel.attr(PRINCIPAL).get();
        if (known != null) {
            return known;
        }
        Optional<Principal> fromCertificate = certificateSubject(channel);
        fromCertificate.ifPresent(principal -> set(channel, principal));
        return fromCertificate.orElse(Principal.ANONYMOUS);
    }

    private static Optional<Principal> certificateSubject(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Principal.user(ssl.engine().getSession().getPeerPrincipal().getName()));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.of(Principal.ANONYMOUS);
        }
    }
}
