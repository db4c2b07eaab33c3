/**
 * SASL mechanisms shared by clients and brokers, free of sockets: SCRAM-SHA-256/512 (RFC 5802,
 * RFC 7677) client and server state machines over {@code javax.crypto}, PLAIN (RFC 4616), and the
 * stored {@link io.ferrymq.common.security.ScramCredential} in Kafka's text form. PLAIN is checked
 * against the stored SCRAM credential, so there is one credential store. Failures are
 * {@code SASL_AUTHENTICATION_FAILED} / {@code ILLEGAL_SASL_STATE} /
 * {@code UNSUPPORTED_SASL_MECHANISM} {@link io.ferrymq.common.errors.ApiException}s.
 */
package io.ferrymq.common.security;
