package io.ferrymq.common.security;

import io.ferrymq.common.errors.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * The client side of PLAIN (RFC 4616): the single message {@code NUL username NUL password}, with
 * no authorization id. Send it only over TLS or a trusted network: the password travels as it is.
 *
 * <p>Not thread-safe: one connection's exchange.
 */
public final class PlainClient implements SaslClientMechanism {

    private final String username;
    private final String password;
    private boolean sent;

    public PlainClient(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String mechanismName() {
        return PlainServer.MECHANISM;
    }

    @Override
    public byte[] initialResponse() {
        sent = true;
        return ("\u0000" + username + "\u0000" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) {
        throw ErrorCode.ILLEGAL_SASL_STATE.exception("PLAIN expects no challenge from the server");
    }

    @Override
    public boolean isComplete() {
        return sent;
    }
}
