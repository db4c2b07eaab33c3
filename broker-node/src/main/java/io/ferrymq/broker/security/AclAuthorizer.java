package io.ferrymq.broker.security;

import io.ferrymq.common.acl.AclBinding;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Ferry's authorizer ({@code authorizer.class.name=io.ferrymq.broker.security.AclAuthorizer}, or
 * Kafka's {@code kafka.security.authorizer.AclAuthorizer}): decides with an {@link AclMatcher} over
 * the latest ACL snapshot, which the ACL store's cache hands in through {@link #accept} after every
 * change, so a new ACL takes effect without a restart. Each audited decision goes to
 * {@link AuthorizationAudit} and to the {@link Outcomes} counter.
 *
 * <p>Thread-safe: the matcher is an immutable snapshot behind a volatile reference.
 */
public final class AclAuthorizer implements Authorizer, Consumer<Set<AclBinding>> {

    /** Counts audited outcomes (a metric). Implementations are thread-safe. */
    public interface Outcomes {
        void record(boolean allowed);
    }

    private final AuthorizerSettings settings;
    private final Outcomes outcomes;
    private volatile AclMatcher matcher;

    public AclAuthorizer(AuthorizerSettings settings, Outcomes outcomes) {
        this.settings = settings;
        this.outcomes = outcomes;
        this.matcher = new AclMatcher(Set.of(), settings);
    }

    /** Replaces the ACL snapshot. */
    @Override
    public void accept(Set<AclBinding> bindings) {
        matcher = new AclMatcher(bindings, settings);
    }

    @Override
    public AuthorizationDecision authorize(Action action) {
        return audited(action, decide(action));
    }

    @Override
    public AuthorizationDecision decide(Action action) {
        return matcher.decide(action.principal(), action.host(), action.operation(), action.resourceType(),
                action.resourceName());
    }

    @Override
    public AuthorizationDecision authorizeAny(Action action) {
        return audited(action, matcher.decideAny(action.principal(), action.host(), action.operation(),
                action.resourceType()));
    }

    private AuthorizationDecision audited(Action action, AuthorizationDecision decision) {
        AuthorizationAudit.record(action, decision);
        outcomes.record(decision.allowed());
        return decision;
    }
}
