package io.ferrymq.common.security;

import io.ferrymq.common.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The client side of SCRAM (RFC 5802 section 3): send client-first, answer server-first with the
 * proof, then check the server's signature in server-final, so a server that does not hold the
 * credential cannot pretend to. A server nonce that does not extend the client's, or an iteration
 * count below {@link ScramMechanism#MIN_ITERATIONS}, ends the exchange.
 *
 * <p>Not thread-safe: one connection's exchange.
 */
public final class ScramClient implements SaslClientMechanism {

    private enum State { SEND_CLIENT_FIRST, RECEIVE_SERVER_FIRST, RECEIVE_SERVER_FINAL, COMPLETE, FAILED }

    private final ScramMechanism mechanism;
    private final String password;
    private final ScramMessages.ClientFirst clientFirst;
    private State state = State.SEND_CLIENT_FIRST;
    private byte[] expectedServerSignature;

    /** {@code nonce}: this exchange's client nonce (printable, no ','), fresh and random for each. */
    public ScramClient(ScramMechanism mechanism, String username, String password, String nonce) {
        this.mechanism = mechanism;
        this.password = password;
        this.clientFirst = ScramMessages.ClientFirst.of(username, nonce);
    }

    @Override
    public String mechanismName() {
        return mechanism.mechanismName();
    }

    @Override
    public byte[] initialResponse() {
        expect(State.SEND_CLIENT_FIRST);
        state = State.RECEIVE_SERVER_FIRST;
        return clientFirst.text().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        String text = new String(challenge, StandardCharsets.UTF_8);
        State current = state;
        state = State.FAILED;
        if (current == State.RECEIVE_SERVER_FIRST) {
            byte[] clientFinal = onServerFirst(text);
            state = State.RECEIVE_SERVER_FINAL;
            return clientFinal;
        }
        if (current == State.RECEIVE_SERVER_FINAL) {
            onServerFinal(text);
            state = State.COMPLETE;
            return new byte[0];
        }
        throw ErrorCode.ILLEGAL_SASL_STATE.exception("no SCRAM challenge expected in state " + current);
    }

    private byte[] onServerFirst(String text) {
        ScramMessages.ServerFirst serverFirst = ScramMessages.parseServerFirst(text);
        if (!serverFirst.nonce().startsWith(clientFirst.nonce()) || serverFirst.nonce().equals(clientFirst.nonce())) {
            throw ScramMessages.failure("server-first-message: the server nonce does not extend the client's");
        }
        if (serverFirst.iterations() < ScramMechanism.MIN_ITERATIONS) {
            throw ScramMessages.failure("server-first-message: iteration count " + serverFirst.iterations()
                    + " is below the minimum " + ScramMechanism.MIN_ITERATIONS);
        }
        byte[] salted = mechanism.saltedPassword(password, serverFirst.salt(), serverFirst.iterations());
        byte[] clientKey = mechanism.clientKey(salted);
        ScramMessages.ClientFinal withoutProof = ScramMessages.ClientFinal.of(serverFirst.nonce(), new byte[0]);
        byte[] authMessage = ScramServer.authMessage(clientFirst, serverFirst, withoutProof);
        byte[] proof = ScramMechanism.xor(clientKey, mechanism.hmac(mechanism.hash(clientKey), authMessage));
        expectedServerSignature = mechanism.hmac(mechanism.serverKey(salted), authMessage);
        return ScramMessages.ClientFinal.of(serverFirst.nonce(), proof).text().getBytes(StandardCharsets.UTF_8);
    }

    private void onServerFinal(String text) {
        byte[] signature = ScramMessages.parseServerFinal(text);
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw ScramMessages.failure("server-final-message: the server's signature is wrong"
                    + " (it does not hold this user's credential)");
        }
    }

    private void expect(State expected) {
        if (state != expected) {
            throw ErrorCode.ILLEGAL_SASL_STATE.exception("SCRAM client is in state " + state + ", not " + expected);
        }
    }

    @Override
    public boolean isComplete() {
        return state == State.COMPLETE;
    }
}
