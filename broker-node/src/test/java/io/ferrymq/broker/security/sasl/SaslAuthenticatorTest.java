package io.ferrymq.broker.security.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.SaslAuthenticateRequest;
import io.ferrymq.common.protocol.requests.SaslHandshakeRequest;
import io.ferrymq.common.protocol.responses.SaslAuthenticateResponse;
import io.ferrymq.common.security.SaslClientMechanism;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.ScramCredentialLookup;
import io.ferrymq.common.security.ScramMechanism;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SaslAuthenticatorTest {

    private static final byte[] SALT = {7, 7, 7, 7};
    private static final ScramCredentialLookup STORE = (user, mechanism) -> user.equals("alice")
            ? Optional.of(mechanism.credential(SALT, mechanism.saltedPassword("secret", SALT, 4096), 4096))
            : Optional.empty();

    private static SaslAuthenticateResponse run(SaslAuthenticator server, SaslClientMechanism client) {
        SaslAuthenticateResponse response = server.authenticate(new SaslAuthenticateRequest(client.initialResponse()));
        while (response.error() == ErrorCode.NONE && !server.isComplete()) {
            response = server.authenticate(new SaslAuthenticateRequest(client.evaluateChallenge(response.authBytes())));
        }
        if (response.error() == ErrorCode.NONE && !client.isComplete()) {
            client.evaluateChallenge(response.authBytes());
        }
        return response;
    }

    @Test
    void scramExchangeAuthenticatesTheUserAsItsPrincipal() {
        SaslAuthenticator server = new SaslAuthenticator(List.of("SCRAM-SHA-512", "PLAIN"), STORE);

        assertThat(server.handshake(new SaslHandshakeRequest("SCRAM-SHA-512")).error()).isEqualTo(ErrorCode.NONE);
        SaslClientMechanism client = SaslMechanisms.client("SCRAM-SHA-512", "alice", "secret");
        assertThat(run(server, client).error()).isEqualTo(ErrorCode.NONE);

        assertThat(server.isComplete()).isTrue();
        assertThat(client.isComplete()).isTrue();
        assertThat(server.principal()).contains(Principal.user("alice"));
    }

    @Test
    void plainExchangeAuthenticatesAgainstTheScramCredential() {
        SaslAuthenticator server = new SaslAuthenticator(List.of("PLAIN"), STORE);
        server.handshake(new SaslHandshakeRequest("PLAIN"));

        assertThat(run(server, SaslMechanisms.client("PLAIN", "alice", "secret")).error()).isEqualTo(ErrorCode.NONE);
        assertThat(server.principal()).contains(Principal.user("alice"));
    }

    @Test
    void wrongPasswordFailsAndClosesTheConnection() {
        SaslAuthenticator server = new SaslAuthenticator(List.of("SCRAM-SHA-256"), STORE);
        server.handshake(new SaslHandshakeRequest("SCRAM-SHA-256"));

        SaslAuthenticateResponse response = run(server, SaslMechanisms.client("SCRAM-SHA-256", "alice", "wrong"));

        assertThat(response.error()).isEqualTo(ErrorCode.SASL_AUTHENTICATION_FAILED);
        assertThat(response.errorMessage()).contains("invalid username or password");
        assertThat(server.isFailed()).isTrue();
        assertThat(server.principal()).isEmpty();
    }

    @Test
    void aMechanismTheListenerDidNotEnableIsRefusedWithTheEnabledList() {
        SaslAuthenticator server = new SaslAuthenticator(List.of("SCRAM-SHA-256"), STORE);

        var response = server.handshake(new SaslHandshakeRequest("PLAIN"));

        assertThat(response.error()).isEqualTo(ErrorCode.UNSUPPORTED_SASL_MECHANISM);
        assertThat(response.mechanisms()).containsExactly("SCRAM-SHA-256");
        assertThat(server.isFailed()).isTrue();
    }

    @Test
    void requestsOutOfTurnAreIllegalSaslState() {
        SaslAuthenticator early = new SaslAuthenticator(List.of("PLAIN"), STORE);
        assertThat(early.authenticate(new SaslAuthenticateRequest(new byte[0])).error())
                .isEqualTo(ErrorCode.ILLEGAL_SASL_STATE);

        SaslAuthenticator twice = new SaslAuthenticator(List.of("PLAIN"), STORE);
        twice.handshake(new SaslHandshakeRequest("PLAIN"));
        assertThat(twice.handshake(new SaslHandshakeRequest("PLAIN")).error()).isEqualTo(ErrorCode.ILLEGAL_SASL_STATE);
        assertThat(twice.isFailed()).isTrue();
    }

    @Test
    void onlyVersionsAndSaslRequestsArePermittedBeforeAuthentication() {
        assertThat(ApiKey.values()).filteredOn(SaslAuthenticator::isAllowedBeforeAuthentication)
                .containsExactlyInAnyOrder(ApiKey.API_VERSIONS, ApiKey.SASL_HANDSHAKE, ApiKey.SASL_AUTHENTICATE);
    }

    @Test
    void sha256AndSha512CredentialsAreDistinct() {
        ScramCredentialLookup only256 = (user, mechanism) -> mechanism == ScramMechanism.SCRAM_SHA_256
                ? STORE.credential(user, mechanism) : Optional.empty();
        SaslAuthenticator server = new SaslAuthenticator(List.of("SCRAM-SHA-512"), only256);
        server.handshake(new SaslHandshakeRequest("SCRAM-SHA-512"));

        assertThat(run(server, SaslMechanisms.client("SCRAM-SHA-512", "alice", "secret")).error())
                .isEqualTo(ErrorCode.SASL_AUTHENTICATION_FAILED);
    }
}
