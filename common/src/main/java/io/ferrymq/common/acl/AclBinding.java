package io.ferrymq.common.acl;

import java.util.Objects;

/**
 * One ACL: a {@link ResourcePattern} and the {@link AccessControlEntry} that applies to it.
 *
 * <p>Immutable and thread-safe.
 */
public record AclBinding(ResourcePattern pattern, AccessControlEntry entry) {

    public AclBinding {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(entry, "entry");
    }

    @Override
    public String toString() {
        return "(" + pattern + ", " + entry.principal() + " " + entry.permission() + " " + entry.operation()
                + " from " + entry.host() + ")";
    }
}
