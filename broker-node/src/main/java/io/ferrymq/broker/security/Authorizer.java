package io.ferrymq.broker.security;

/**
 * Decides whether an {@link Action} is allowed. {@link #authorize} writes the audit line and counts
 * the outcome; {@link #decide} only answers (used to filter lists, where a hidden item is no
 * denial worth a line, and for the first of two alternatives).
 *
 * <p>Implementations are thread-safe.
 */
public interface Authorizer {

    /** Decides, audits and counts. */
    AuthorizationDecision authorize(Action action);

    /** Decides without an audit line or a count. */
    AuthorizationDecision decide(Action action);

    /**
     * Whether the principal may do the action's operation on at least one resource of the action's
     * type (the action's resource name is ignored); audited and counted like {@link #authorize}.
     */
    AuthorizationDecision authorizeAny(Action action);
}
