package io.ferrymq.broker.admin;

/**
 * The answer of a readiness check: ready or not, and a short human reason shown by
 * {@code /health/ready}. Immutable.
 */
public record Readiness(boolean ready, String reason) {

    public Readiness {
        reason = reason == null ? "" : reason;
    }

    public static Readiness ok() {
        return new Readiness(true, "ready");
    }

    public static Readiness notReady(String reason) {
        return new Readiness(false, reason);
    }
}
