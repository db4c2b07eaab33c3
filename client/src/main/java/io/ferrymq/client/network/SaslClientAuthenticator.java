package io.ferrymq.client.network;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.SaslAuthenticateRequest;
import io.ferrymq.common.protocol.requests.SaslHandshakeRequest;
import io.ferrymq.common.protocol.responses.SaslAuthenticateResponse;
import io.ferrymq.common.protocol.responses.SaslHandshakeResponse;
import io.ferrymq.common.security.SaslClientMechanism;
import io.ferrymq.common.security.SaslCredentials;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates a new connection to a SASL listener before it is handed out: SaslHandshake with the
 * configured mechanism, then SaslAuthenticate rounds until the mechanism completes (for SCRAM, until
 * the broker proved it holds the credential). A refused mechanism, a wrong password or a broker
 * that fails its proof fails the connection with a non-retriable
 * {@code UNSUPPORTED_SASL_MECHANISM} / {@code SASL_AUTHENTICATION_FAILED}
 * {@link io.ferrymq.common.errors.ApiException} naming the broker; every round is bounded by the
 * request timeout and the rounds by {@link #MAX_ROUNDS}.
 *
 * <p>Stateless; each call has its own mechanism instance.
 */
final class SaslClientAuthenticator {

    /** More rounds than any implemented mechanism needs (SCRAM: 2, PLAIN: 1). */
    static final int MAX_ROUNDS = 4;

    private SaslClientAuthenticator() {
    }

    static CompletableFuture<BrokerConnection> authenticate(BrokerConnection connection, SaslCredentials credentials) {
        SaslClientMechanism mechanism = credentials.newClient();
        return connection.send(new SaslHandshakeRequest(credentials.mechanism()), SaslHandshakeResponse.class)
                .thenCompose(handshake -> {
                    if (handshake.error() != ErrorCode.NONE) {
                        throw handshake.error().exception("broker " + connection.address() + " refused SASL mechanism "
                                + credentials.mechanism() + " (enabled there: " + handshake.mechanisms() + ")");
                    }
                    return round(connection, mechanism, mechanism.initialResponse(), 1);
                })
                .thenApply(done -> connection);
    }

    private static CompletableFuture<Void> round(BrokerConnection connection, SaslClientMechanism mechanism,
                                                 byte[] response, int round) {
        return connection.send(new SaslAuthenticateRequest(response), SaslAuthenticateResponse.class)
                .thenCompose(answer -> {
                    if (answer.error() != ErrorCode.NONE) {
                        throw answer.error().exception("SASL " + mechanism.mechanismName() + " authentication with "
                                + connection.address() + " failed: " + answer.errorMessage());
                    }
                    if (mechanism.isComplete()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    byte[] next = mechanism.evaluateChallenge(answer.authBytes());
                    if (mechanism.isComplete()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (round >= MAX_ROUNDS) {
                        throw ErrorCode.ILLEGAL_SASL_STATE.exception("SASL " + mechanism.mechanismName() + " with "
                                + connection.address() + " did not complete in " + MAX_ROUNDS + " rounds");
                    }
                    return round(connection, mechanism, next, round + 1);
                });
    }
}
