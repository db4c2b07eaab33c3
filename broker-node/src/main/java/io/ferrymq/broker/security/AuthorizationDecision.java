package io.ferrymq.broker.security;

import java.util.Objects;

/**
 * The outcome of one authorization check and why (the audit log prints the reason).
 *
 * <p>Immutable and thread-safe.
 */
public record AuthorizationDecision(boolean allowed, String reason) {

    public AuthorizationDecision {
        Objects.requireNonNull(reason, "reason");
    }

    static AuthorizationDecision allow(String reason) {
        return new AuthorizationDecision(true, reason);
    }

    static AuthorizationDecision deny(String reason) {
        return new AuthorizationDecision(false, reason);
    }
}
