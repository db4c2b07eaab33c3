/**
 * Connection security shared by the broker and the clients: the {@link io.ferrymq.common.security.SecurityProtocol}
 * of a listener or client, the {@code ssl.*} keys ({@link io.ferrymq.common.security.SslConfigKeys}) and the JDK
 * {@code SSLEngine}s built from them ({@link io.ferrymq.common.security.SslEngineFactory}). Netty's {@code SslHandler}
 * wraps these engines on both sides; nothing here depends on a transport.
 */
package io.ferrymq.common.security;
