package io.ferrymq.broker.security.sasl;

import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.SaslAuthenticateRequest;
import io.ferrymq.common.protocol.requests.SaslHandshakeRequest;
import io.ferrymq.common.protocol.responses.SaslAuthenticateResponse;
import io.ferrymq.common.protocol.responses.SaslHandshakeResponse;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.SaslServerMechanism;
import io.ferrymq.common.security.ScramCredentialLookup;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One connection's server-side SASL state, Kafka's order: SaslHandshake names a mechanism this
 * listener enabled, then SaslAuthenticate carries the mechanism's messages until it completes, and
 * the connection's {@link Principal} becomes {@code User:<username>}. Before that only ApiVersions,
 * SaslHandshake and SaslAuthenticate may be served ({@link #isAllowedBeforeAuthentication}). A
 * refused mechanism, a failed exchange or a request out of turn leaves the authenticator
 * {@link #isFailed() failed}: the connection answers that one error and is closed.
 *
 * <p>Not thread-safe: driven by the connection's requests one at a time.
 */
public final class SaslAuthenticator {

    private static final Set<ApiKey> BEFORE_AUTHENTICATION =
            Set.of(ApiKey.API_VERSIONS, ApiKey.SASL_HANDSHAKE, ApiKey.SASL_AUTHENTICATE);

    private enum State { HANDSHAKE, AUTHENTICATE, COMPLETE, FAILED }

    private final List<String> enabledMechanisms;
    private final ScramCredentialLookup credentials;
    private State state = State.HANDSHAKE;
    private SaslServerMechanism mechanism;
    private Principal principal;

    /** {@code enabledMechanisms}: {@code sasl.enabled.mechanisms} of the listener, each one Ferry implements. */
    public SaslAuthenticator(List<String> enabledMechanisms, ScramCredentialLookup credentials) {
        enabledMechanisms.forEach(SaslMechanisms::requireSupported);
        this.enabledMechanisms = List.copyOf(enabledMechanisms);
        this.credentials = credentials;
    }

    /** Whether a request of {@code key} may be served on a connection that has not authenticated yet. */
    public static boolean isAllowedBeforeAuthentication(ApiKey key) {
        return BEFORE_AUTHENTICATION.contains(key);
    }

    public SaslHandshakeResponse handshake(SaslHandshakeRequest request) {
        if (state != State.HANDSHAKE) {
            state = State.FAILED;
            return new SaslHandshakeResponse(ErrorCode.ILLEGAL_SASL_STATE, enabledMechanisms);
        }
        if (!enabledMechanisms.contains(request.mechanism())) {
            state = State.FAILED;
            return new SaslHandshakeResponse(ErrorCode.UNSUPPORTED_SASL_MECHANISM, enabledMechanisms);
        }
        mechanism = SaslMechanisms.server(request.mechanism(), credentials);
        state = State.AUTHENTICATE;
        return new SaslHandshakeResponse(ErrorCode.NONE, enabledMechanisms);
    }

    public SaslAuthenticateResponse authenticate(SaslAuthenticateRequest request) {
        if (state != State.AUTHENTICATE) {
            State was = state;
            state = State.FAILED;
            return SaslAuthenticateResponse.error(ErrorCode.ILLEGAL_SASL_STATE,
                    "SaslAuthenticate is not expected " + (was == State.HANDSHAKE ? "before SaslHandshake" : "now"));
        }
        try {
            byte[] challenge = mechanism.evaluateResponse(request.authBytes());
            if (mechanism.isComplete()) {
                principal = Principal.user(mechanism.authenticatedUser());
                state = State.COMPLETE;
            }
            return SaslAuthenticateResponse.challenge(challenge);
        } catch (ApiException e) {
            state = State.FAILED;
            return SaslAuthenticateResponse.error(e.error(), e.getMessage());
        }
    }

    /** The authenticated principal, once {@link #isComplete()}. */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    /** Whether the connection must be closed after the response just given. */
    public boolean isFailed() {
        return state == State.FAILED;
    }
}
