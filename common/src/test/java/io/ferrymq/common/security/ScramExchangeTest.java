package io.ferrymq.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScramExchangeTest {

    // RFC 7677 section 3.
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String SERVER_FIRST = "r=" + CLIENT_NONCE + SERVER_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE
            + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramCredentialLookup store(ScramMechanism mechanism, String user, String password) {
        byte[] salted = mechanism.saltedPassword(password, SALT, 4096);
        Map<String, ScramCredential> users = Map.of(user, mechanism.credential(SALT, salted, 4096));
        return (name, m) -> m == mechanism ? Optional.ofNullable(users.get(name)) : Optional.empty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void clientProducesRfc7677MessagesAndAcceptsTheServerSignature() {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE);

        assertThat(text(client.initialResponse())).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(text(client.evaluateChallenge(utf8(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        assertThat(client.evaluateChallenge(utf8(SERVER_FINAL))).isEmpty();
        assertThat(client.isComplete()).isTrue();
    }

    @Test
    void serverAnswersRfc7677MessagesFromTheStoredCredential() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256,
                store(ScramMechanism.SCRAM_SHA_256, "user", "pencil"), () -> SERVER_NONCE);

        assertThat(text(server.evaluateResponse(utf8("n,,n=user,r=" + CLIENT_NONCE)))).isEqualTo(SERVER_FIRST);
        assertThat(text(server.evaluateResponse(utf8(CLIENT_FINAL)))).isEqualTo(SERVER_FINAL);
        assertThat(server.isComplete()).isTrue();
        assertThat(server.authenticatedUser()).isEqualTo("user");
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void clientAndServerAgreeOnEitherMechanism(ScramMechanism mechanism) {
        ScramServer server = new ScramServer(mechanism, store(mechanism, "a,b=c", "secret"), SaslMechanisms::nonce);
        ScramClient client = new ScramClient(mechanism, "a,b=c", "secret", SaslMechanisms.nonce());

        byte[] serverFirst = server.evaluateResponse(client.initialResponse());
        byte[] serverFinal = server.evaluateResponse(client.evaluateChallenge(serverFirst));
        client.evaluateChallenge(serverFinal);

        assertThat(server.authenticatedUser()).isEqualTo("a,b=c");
        assertThat(client.isComplete()).isTrue();
    }

    @Test
    void wrongPasswordFailsTheProofCheck() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256,
                store(ScramMechanism.SCRAM_SHA_256, "user", "pencil"), SaslMechanisms::nonce);
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "crayon", SaslMechanisms.nonce());
        byte[] clientFinal = client.evaluateChallenge(server.evaluateResponse(client.initialResponse()));

        assertThatThrownBy(() -> server.evaluateResponse(clientFinal))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.SASL_AUTHENTICATION_FAILED))
                .hasMessageContaining("invalid username or password");
        assertThat(server.isComplete()).isFalse();
        assertThatThrownBy(() -> server.evaluateResponse(clientFinal))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.ILLEGAL_SASL_STATE));
    }

    @Test
    void unknownUserFailsLikeAWrongPassword() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256,
                store(ScramMechanism.SCRAM_SHA_256, "user", "pencil"), SaslMechanisms::nonce);

        assertThatThrownBy(() -> server.evaluateResponse(utf8("n,,n=mallory,r=abc")))
                .hasMessageContaining("invalid username or password");
    }

    @Test
    void serverRefusesANonceThatDiffersFromItsOwn() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256,
                store(ScramMechanism.SCRAM_SHA_256, "user", "pencil"), () -> SERVER_NONCE);
        server.evaluateResponse(utf8("n,,n=user,r=" + CLIENT_NONCE));

        assertThatThrownBy(() -> server.evaluateResponse(utf8(CLIENT_FINAL.replace(SERVER_NONCE, "forged"))))
                .hasMessageContaining("nonce does not match");
    }

    @Test
    void serverRefusesChannelBindingAndAuthorizationIds() {
        ScramServer server = new ScramServer(ScramMechanism.SCRAM_SHA_256,
                store(ScramMechanism.SCRAM_SHA_256, "user", "pencil"), () -> SERVER_NONCE);

        assertThatThrownBy(() -> server.evaluateResponse(utf8("y,a=admin,n=user,r=abc")))
                .hasMessageContaining("GS2 header 'n,,'");
    }

    @Test
    void clientRefusesALowIterationCount() {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE);
        client.initialResponse();

        assertThatThrownBy(() -> client.evaluateChallenge(utf8(SERVER_FIRST.replace("i=4096", "i=1"))))
                .hasMessageContaining("iteration count 1 is below the minimum 4096");
    }

    @Test
    void clientRefusesANonceThatDoesNotExtendItsOwn() {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE);
        client.initialResponse();

        assertThatThrownBy(() -> client.evaluateChallenge(utf8("r=other,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .hasMessageContaining("does not extend the client's");
    }

    @Test
    void clientRefusesAServerThatCannotProveItHoldsTheCredential() {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE);
        client.initialResponse();
        client.evaluateChallenge(utf8(SERVER_FIRST));

        assertThatThrownBy(() -> client.evaluateChallenge(utf8("v=" + Base64.getEncoder().encodeToString(new byte[32]))))
                .hasMessageContaining("signature is wrong");
        assertThat(client.isComplete()).isFalse();
    }

    @Test
    void clientReportsTheServersRefusal() {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil", CLIENT_NONCE);
        client.initialResponse();
        client.evaluateChallenge(utf8(SERVER_FIRST));

        assertThatThrownBy(() -> client.evaluateChallenge(utf8("e=invalid-proof")))
                .hasMessageContaining("the server refused: invalid-proof");
    }
}
