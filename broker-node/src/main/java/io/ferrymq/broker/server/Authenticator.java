package io.ferrymq.broker.server;

import io.ferrymq.broker.config.Endpoint;
import io.netty.channel.ChannelPipeline;

/**
 * The SASL step of a {@code SASL_PLAINTEXT} or {@code SASL_SSL} listener (Kafka's
 * SaslHandshake/SaslAuthenticate exchange). {@link #install} adds, before the handler named
 * {@code requests} of {@link SocketServer}'s pipeline, a handler that sees every decoded frame
 * first: it answers the SASL requests, passes no other request on until the client authenticated,
 * and then records who did with {@link ConnectionPrincipal#set}. Every later request carries that
 * principal.
 *
 * <p>Implementations are thread-safe; {@link #install} runs on the connection's event loop.
 */
public interface Authenticator {

    /** Adds the authentication handler for one new connection of {@code listener}. */
    void install(ChannelPipeline pipeline, Endpoint listener);
}
