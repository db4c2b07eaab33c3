package io.ferrymq.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlainExchangeTest {

    private static final byte[] SALT = {1, 2, 3, 4, 5, 6, 7, 8};

    /** Alice has only a SCRAM-SHA-512 credential, so PLAIN must fall back to it. */
    private static final ScramCredentialLookup STORE = (user, mechanism) -> {
        if (!user.equals("alice") || mechanism != ScramMechanism.SCRAM_SHA_512) {
            return Optional.empty();
        }
        byte[] salted = mechanism.saltedPassword("alice-secret", SALT, 4096);
        return Optional.of(mechanism.credential(SALT, salted, 4096));
    };

    @Test
    void plainPasswordIsVerifiedAgainstTheStoredScramCredential() {
        PlainServer server = new PlainServer(STORE);

        assertThat(server.evaluateResponse(new PlainClient("alice", "alice-secret").initialResponse())).isEmpty();
        assertThat(server.isComplete()).isTrue();
        assertThat(server.authenticatedUser()).isEqualTo("alice");
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedAlike() {
        assertThatThrownBy(() -> new PlainServer(STORE).evaluateResponse(new PlainClient("alice", "guess").initialResponse()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.SASL_AUTHENTICATION_FAILED))
                .hasMessageContaining("invalid username or password");
        assertThatThrownBy(() -> new PlainServer(STORE).evaluateResponse(new PlainClient("bob", "x").initialResponse()))
                .hasMessageContaining("invalid username or password");
    }

    @Test
    void malformedMessagesAndForeignAuthorizationIdsAreRefused() {
        assertThatThrownBy(() -> new PlainServer(STORE).evaluateResponse("alice".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("found 0 NUL separators");
        assertThatThrownBy(() -> new PlainServer(STORE).evaluateResponse(
                "admin\u0000alice\u0000alice-secret".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("authorization id 'admin' differs");
    }

    @Test
    void unsupportedMechanismNamesTheSupportedOnes() {
        assertThatThrownBy(() -> SaslMechanisms.server("GSSAPI", STORE))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.UNSUPPORTED_SASL_MECHANISM))
                .hasMessageContaining("[PLAIN, SCRAM-SHA-256, SCRAM-SHA-512]");
    }
}
