package io.ferrymq.common.security;

import io.ferrymq.common.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The server side of PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}. The
 * password is checked against the user's stored SCRAM credential (SCRAM-SHA-256 first, else
 * SCRAM-SHA-512), recomputed from its salt and iteration count, so PLAIN and SCRAM share one
 * credential store and no password is stored in clear. An authorization id other than the
 * authentication id is refused, as Kafka does. Unknown user and wrong password fail alike.
 *
 * <p>Not thread-safe: one connection's exchange.
 */
public final class PlainServer implements SaslServerMechanism {

    public static final String MECHANISM = "PLAIN";

    private final ScramCredentialLookup credentials;
    private String user;
    private boolean used;

    public PlainServer(ScramCredentialLookup credentials) {
        this.credentials = credentials;
    }

    @Override
    public String mechanismName() {
        return MECHANISM;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) {
        if (used) {
            throw ErrorCode.ILLEGAL_SASL_STATE.exception("the PLAIN exchange is a single message");
        }
        used = true;
        String[] parts = new String(response, StandardCharsets.UTF_8).split("\u0000", -1);
        if (parts.length != 3) {
            throw ScramMessages.failure("PLAIN: expected [authzid] NUL username NUL password, found "
                    + (parts.length - 1) + " NUL separators");
        }
        String authzid = parts[0];
        String username = parts[1];
        if (username.isEmpty() || parts[2].isEmpty()) {
            throw ScramMessages.failure("PLAIN: username and password must not be empty");
        }
        if (!authzid.isEmpty() && !authzid.equals(username)) {
            throw ScramMessages.failure("PLAIN: authorization id '" + authzid + "' differs from the username");
        }
        if (!verify(username, parts[2])) {
            throw ScramMessages.failure(ScramServer.INVALID_CREDENTIALS);
        }
        user = username;
        return new byte[0];
    }

    private boolean verify(String username, String password) {
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            Optional<ScramCredential> stored = credentials.credential(username, mechanism);
            if (stored.isPresent()) {
                return mechanism.matches(stored.get(), password);
            }
        }
        return false;
    }

    @Override
    public boolean isComplete() {
        return user != null;
    }

    @Override
    public String authenticatedUser() {
        if (user == null) {
            throw ErrorCode.ILLEGAL_SASL_STATE.exception("the PLAIN exchange is not complete");
        }
        return user;
    }
}
