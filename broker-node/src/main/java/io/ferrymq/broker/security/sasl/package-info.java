/**
 * SASL on the broker: the per-connection {@link io.ferrymq.broker.security.sasl.SaslAuthenticator}
 * (handshake, then the mechanism's exchange, then {@code User:<name>}) over the shared mechanisms of
 * {@code io.ferrymq.common.security}, and the validation of credential changes
 * ({@link io.ferrymq.broker.security.sasl.ScramAlterationPlan}). Credentials come from the
 * coordinator's watched {@code CredentialCache}.
 */
package io.ferrymq.broker.security.sasl;
