package io.ferrymq.common.security;

import io.ferrymq.common.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * The server side of SCRAM (RFC 5802 section 3): receive client-first, answer server-first with
 * the client's nonce extended by {@code nonces}, receive client-final, check its nonce and proof
 * against the stored credential ({@code H(ClientProof XOR ClientSignature) == StoredKey}), answer
 * server-final with the server signature. An unknown user and a wrong password fail alike, with
 * one message that names neither, so the exchange does not reveal which users exist.
 *
 * <p>Not thread-safe: one connection's exchange.
 */
public final class ScramServer implements SaslServerMechanism {

    static final String INVALID_CREDENTIALS = "Authentication failed: invalid username or password";

    private enum State { RECEIVE_CLIENT_FIRST, RECEIVE_CLIENT_FINAL, COMPLETE, FAILED }

    private final ScramMechanism mechanism;
    private final ScramCredentialLookup credentials;
    private final Supplier<String> nonces;
    private State state = State.RECEIVE_CLIENT_FIRST;
    private ScramMessages.ClientFirst clientFirst;
    private ScramMessages.ServerFirst serverFirst;
    private ScramCredential credential;

    /** {@code nonces} gives the server's part of each nonce (printable, no ','). */
    public ScramServer(ScramMechanism mechanism, ScramCredentialLookup credentials, Supplier<String> nonces) {
        this.mechanism = mechanism;
        this.credentials = credentials;
        this.nonces = nonces;
    }

    @Override
    public String mechanismName() {
        return mechanism.mechanismName();
    }

    @Override
    public byte[] evaluateResponse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        State current = state;
        state = State.FAILED;
        byte[] challenge = switch (current) {
            case RECEIVE_CLIENT_FIRST -> onClientFirst(text);
            case RECEIVE_CLIENT_FINAL -> onClientFinal(text);
            case COMPLETE, FAILED -> throw ErrorCode.ILLEGAL_SASL_STATE.exception(
                    "the SCRAM exchange is already " + current.name().toLowerCase());
        };
        state = current == State.RECEIVE_CLIENT_FIRST ? State.RECEIVE_CLIENT_FINAL : State.COMPLETE;
        return challenge;
    }

    private byte[] onClientFirst(String text) {
        clientFirst = ScramMessages.parseClientFirst(text);
        credential = credentials.credential(clientFirst.username(), mechanism)
                .orElseThrow(() -> ScramMessages.failure(INVALID_CREDENTIALS));
        serverFirst = ScramMessages.ServerFirst.of(clientFirst.nonce() + nonces.get(), credential.salt(),
                credential.iterations());
        return serverFirst.text().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] onClientFinal(String text) {
        ScramMessages.ClientFinal clientFinal = ScramMessages.parseClientFinal(text);
        if (!clientFinal.nonce().equals(serverFirst.nonce())) {
            throw ScramMessages.failure("client-final-message: nonce does not match the server's");
        }
        byte[] authMessage = authMessage(clientFirst, serverFirst, clientFinal);
        byte[] clientSignature = mechanism.hmac(credential.storedKey(), authMessage);
        if (clientFinal.proof().length != clientSignature.length) {
            throw ScramMessages.failure(INVALID_CREDENTIALS);
        }
        byte[] clientKey = ScramMechanism.xor(clientFinal.proof(), clientSignature);
        if (!MessageDigest.isEqual(mechanism.hash(clientKey), credential.storedKey())) {
            throw ScramMessages.failure(INVALID_CREDENTIALS);
        }
        byte[] serverSignature = mechanism.hmac(credential.serverKey(), authMessage);
        return ScramMessages.serverFinal(serverSignature).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] authMessage(ScramMessages.ClientFirst first, ScramMessages.ServerFirst serverFirst,
                              ScramMessages.ClientFinal clientFinal) {
        return (first.bare() + "," + serverFirst.text() + "," + clientFinal.withoutProof())
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    @Override
    public String authenticatedUser() {
        if (!isComplete()) {
            throw ErrorCode.ILLEGAL_SASL_STATE.exception("the SCRAM exchange is not complete");
        }
        return clientFirst.username();
    }
}
