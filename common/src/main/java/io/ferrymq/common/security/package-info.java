/**
 * Connection security shared by the broker and the clients: the {@link io.ferrymq.common.security.SecurityProtocol}
 * of a listener or client, the {@code ssl.*} keys ({@link io.ferrymq.common.security.SslConfigKeys}) and the JDK
 * {@code SSLEngine}s built from them ({@link io.ferrymq.common.security.SslEngineFactory}). Netty's {@code SslHandler}
 * wraps these engines on both sides; nothing here depends on a transport.
 *
 * <p>The SASL mechanisms, free of sockets too: SCRAM-SHA-256/512 (RFC 5802, RFC 7677) client and
 * server state machines over {@code javax.crypto}, PLAIN (RFC 4616), and the stored
 * {@link io.ferrymq.common.security.ScramCredential} in Kafka's text form. PLAIN is checked against
 * the stored SCRAM credential, so there is one credential store. Failures are
 * {@code SASL_AUTHENTICATION_FAILED} / {@code ILLEGAL_SASL_STATE} /
 * {@code UNSUPPORTED_SASL_MECHANISM} {@link io.ferrymq.common.errors.ApiException}s.
 */
package io.ferrymq.common.security;
