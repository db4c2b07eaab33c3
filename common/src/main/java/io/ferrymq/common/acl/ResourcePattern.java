package io.ferrymq.common.acl;

import java.util.Objects;

/**
 * The resources one ACL binding covers: a type, a name and how the name matches
 * ({@link PatternType#LITERAL} or {@link PatternType#PREFIXED}). A literal {@code *} is the
 * wildcard of its type; the cluster's only name is {@link ResourceType#CLUSTER_NAME}.
 *
 * <p>Immutable and thread-safe.
 */
public record ResourcePattern(ResourceType type, String name, PatternType patternType) {

    /** The literal name that matches every resource of its type. */
    public static final String WILDCARD = "*";

    public ResourcePattern {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patternType, "patternType");
        if (type == ResourceType.ANY) {
            throw new IllegalArgumentException("an ACL binding needs a specific resource type, not ANY");
        }
        if (!patternType.isSpecific()) {
            throw new IllegalArgumentException("an ACL binding's pattern type must be LITERAL or PREFIXED, was "
                    + patternType);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an ACL binding's resource name must not be empty");
        }
        if (type == ResourceType.CLUSTER && !name.equals(ResourceType.CLUSTER_NAME)) {
            throw new IllegalArgumentException("the cluster resource is named '" + ResourceType.CLUSTER_NAME
                    + "', was '" + name + "'");
        }
    }

    /** A literal pattern. */
    public static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    /** The one cluster resource. */
    public static ResourcePattern cluster() {
        return literal(ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
    }

    /** Whether this pattern covers the resource {@code resourceName} of type {@code resourceType}. */
    public boolean covers(ResourceType resourceType, String resourceName) {
        if (type != resourceType) {
            return false;
        }
        return switch (patternType) {
            case LITERAL -> name.equals(resourceName) || name.equals(WILDCARD);
            case PREFIXED -> resourceName.startsWith(name);
            case ANY, MATCH -> throw new IllegalStateException("unreachable: checked by the constructor");
        };
    }

    @Override
    public String toString() {
        return type.zkName() + ":" + patternType + ":" + name;
    }
}
