package io.ferrymq.common.security;

/**
 * The client's side of one SASL exchange: the first response, then one response per server
 * challenge, until {@link #isComplete()}. A server that fails to prove itself (SCRAM) or a refusal
 * in a challenge throws a {@code SASL_AUTHENTICATION_FAILED} {@link io.ferrymq.common.errors.ApiException}.
 *
 * <p>Not thread-safe: one connection drives it.
 */
public interface SaslClientMechanism {

    String mechanismName();

    /** What the client sends first, unprompted. */
    byte[] initialResponse();

    /** The response to the server's next challenge (empty when the exchange ends here). */
    byte[] evaluateChallenge(byte[] challenge);

    boolean isComplete();
}
