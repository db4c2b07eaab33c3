package io.ferrymq.common.acl;

import java.util.Objects;
import java.util.Optional;

/**
 * Selects ACL bindings, as Kafka's filters of DescribeAcls and DeleteAcls do: an empty name,
 * principal or host and an {@code ANY} type, operation or permission match everything. The
 * pattern type {@link PatternType#ANY} matches both kinds with the name compared exactly;
 * {@link PatternType#MATCH} selects every binding that applies to the named resource (literal by
 * that name, the literal wildcard, and prefixes of the name).
 *
 * <p>Immutable and thread-safe.
 */
public record AclBindingFilter(ResourceType resourceType, Optional<String> name, PatternType patternType,
                               Optional<String> principal, Optional<String> host, AclOperation operation,
                               AclPermissionType permission) {

    /** Matches every binding. */
    public static final AclBindingFilter ANY = new AclBindingFilter(ResourceType.ANY, Optional.empty(),
            PatternType.ANY, Optional.empty(), Optional.empty(), AclOperation.ANY, AclPermissionType.ANY);

    public AclBindingFilter {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permission, "permission");
        if (patternType == PatternType.MATCH && (resourceType == ResourceType.ANY || name.isEmpty())) {
            throw new IllegalArgumentException("a MATCH filter needs a resource type and a name");
        }
    }

    /** The filter that selects exactly {@code binding}. */
    public static AclBindingFilter exactly(AclBinding binding) {
        ResourcePattern p = binding.pattern();
        AccessControlEntry e = binding.entry();
        return new AclBindingFilter(p.type(), Optional.of(p.name()), p.patternType(), Optional.of(e.principal()),
                Optional.of(e.host()), e.operation(), e.permission());
    }

    public boolean matches(AclBinding binding) {
        return matchesPattern(binding.pattern()) && matchesEntry(binding.entry());
    }

    /** Whether this filter may match bindings of {@code pattern} (its resource part matches). */
    public boolean matchesPattern(ResourcePattern pattern) {
        if (resourceType != ResourceType.ANY && resourceType != pattern.type()) {
            return false;
        }
        return switch (patternType) {
            case MATCH -> pattern.covers(resourceType, name.orElseThrow());
            case ANY -> name.map(pattern.name()::equals).orElse(true);
            case LITERAL, PREFIXED -> patternType == pattern.patternType()
                    && name.map(pattern.name()::equals).orElse(true);
        };
    }

    private boolean matchesEntry(AccessControlEntry entry) {
        return principal.map(entry.principal()::equals).orElse(true)
                && host.map(entry.host()::equals).orElse(true)
                && (operation == AclOperation.ANY || operation == entry.operation())
                && (permission == AclPermissionType.ANY || permission == entry.permission());
    }
}
