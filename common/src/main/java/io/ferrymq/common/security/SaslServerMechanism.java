package io.ferrymq.common.security;

/**
 * The server's side of one SASL exchange on one connection: it is fed each client response in turn
 * and answers with the next challenge, until {@link #isComplete()}. A failed exchange throws a
 * {@code SASL_AUTHENTICATION_FAILED} {@link io.ferrymq.common.errors.ApiException} (or
 * {@code ILLEGAL_SASL_STATE} when called out of turn) and stays failed.
 *
 * <p>Not thread-safe: one connection drives it, one response at a time.
 */
public interface SaslServerMechanism {

    String mechanismName();

    /** Consumes the client's next response; returns the challenge to send back (empty when there is none). */
    byte[] evaluateResponse(byte[] response);

    boolean isComplete();

    /** The authenticated username; only once {@link #isComplete()}. */
    String authenticatedUser();
}
