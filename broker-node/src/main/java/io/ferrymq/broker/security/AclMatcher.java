package io.ferrymq.broker.security;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.ResourceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kafka's authorization rule over one snapshot of ACL bindings, free of I/O. For a principal on a
 * host asking for an operation on a resource:
 * <ol>
 *   <li>a super user is allowed;</li>
 *   <li>a resource that no binding covers (for any principal) is allowed only when
 *       {@code allow.everyone.if.no.acl.found};</li>
 *   <li>a covering DENY whose principal is the caller or {@code User:*}, whose host is the caller's or
 *       {@code *}, and whose operation is the one asked or ALL, denies: DENY wins;</li>
 *   <li>otherwise a covering ALLOW of such a principal and host for an operation that implies the one
 *       asked ({@link AclOperation#impliedBy()}) or ALL allows;</li>
 *   <li>anything else is denied.</li>
 * </ol>
 * A binding covers a resource when its literal name equals it, is the wildcard {@code *}, or when its
 * prefixed name starts it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AclMatcher {

    private final Map<ResourceType, List<AclBinding>> byType = new EnumMap<>(ResourceType.class);
    private final AuthorizerSettings settings;

    public AclMatcher(Collection<AclBinding> bindings, AuthorizerSettings settings) {
        for (AclBinding binding : bindings) {
            byType.computeIfAbsent(binding.pattern().type(), t -> new ArrayList<>()).add(binding);
        }
        this.settings = settings;
    }

    /** The decision for {@code principal} at {@code host} doing {@code operation} on the named resource. */
    public AuthorizationDecision decide(Principal principal, String host, AclOperation operation,
                                        ResourceType type, String name) {
        if (settings.superUsers().contains(principal)) {
            return AuthorizationDecision.allow("super user");
        }
        List<AclBinding> covering = byType.getOrDefault(type, List.of()).stream()
                .filter(b -> b.pattern().covers(type, name))
                .toList();
        if (covering.isEmpty()) {
            return settings.allowEveryoneIfNoAclFound()
                    ? AuthorizationDecision.allow("no ACL found and allow.everyone.if.no.acl.found=true")
                    : AuthorizationDecision.deny("no ACL found");
        }
        Optional<AclBinding> deny = find(covering, principal, host, AclPermissionType.DENY, Set.of(operation));
        if (deny.isPresent()) {
            return AuthorizationDecision.deny("denied by " + deny.get());
        }
        return find(covering, principal, host, AclPermissionType.ALLOW, operation.impliedBy())
                .map(b -> AuthorizationDecision.allow("allowed by " + b))
                .orElseGet(() -> AuthorizationDecision.deny("no matching ALLOW"));
    }

    /**
     * Whether {@code principal} at {@code host} may do {@code operation} on at least one resource of
     * {@code type}: a super user, or an ALLOW of the caller (or {@code User:*}) on some pattern that
     * no DENY of the caller's cancels (a DENY cancels an ALLOW whose name it covers, which errs
     * towards denying: a literal DENY also cancels a prefixed ALLOW of the same name). Kafka's
     * {@code authorizeByResourceType}, used where "may write some topic" is the question.
     */
    public AuthorizationDecision decideAny(Principal principal, String host, AclOperation operation,
                                           ResourceType type) {
        if (settings.superUsers().contains(principal)) {
            return AuthorizationDecision.allow("super user");
        }
        List<AclBinding> ofType = byType.getOrDefault(type, List.of());
        if (ofType.isEmpty() && settings.allowEveryoneIfNoAclFound()) {
            return AuthorizationDecision.allow("no ACL found and allow.everyone.if.no.acl.found=true");
        }
        for (AclBinding allow : ofType) {
            if (applies(allow.entry(), principal, host, AclPermissionType.ALLOW, operation.impliedBy())
                    && !isCancelled(allow, ofType, principal, host, operation)) {
                return AuthorizationDecision.allow("allowed by " + allow);
            }
        }
        return AuthorizationDecision.deny("no " + operation + " allowed on any " + type);
    }

    private static boolean isCancelled(AclBinding allow, List<AclBinding> ofType, Principal principal, String host,
                                       AclOperation operation) {
        String name = allow.pattern().name();
        return ofType.stream().anyMatch(deny -> applies(deny.entry(), principal, host, AclPermissionType.DENY,
                Set.of(operation)) && deny.pattern().covers(allow.pattern().type(), name));
    }

    private static Optional<AclBinding> find(List<AclBinding> covering, Principal principal, String host,
                                             AclPermissionType permission, Set<AclOperation> operations) {
        return covering.stream().filter(b -> applies(b.entry(), principal, host, permission, operations)).findFirst();
    }

    private static boolean applies(AccessControlEntry entry, Principal principal, String host,
                                   AclPermissionType permission, Set<AclOperation> operations) {
        return entry.permission() == permission
                && (entry.principal().equals(principal.toString()) || isWildcardFor(entry.principal(), principal))
                && (entry.host().equals(AccessControlEntry.ANY_HOST) || entry.host().equals(host))
                && (entry.operation() == AclOperation.ALL || operations.contains(entry.operation()));
    }

    private static boolean isWildcardFor(String aclPrincipal, Principal principal) {
        return aclPrincipal.equals(principal.type() + ":*");
    }
}
