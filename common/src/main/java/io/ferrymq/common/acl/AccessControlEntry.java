package io.ferrymq.common.acl;

import java.util.Objects;

/**
 * Who may (or may not) do what from where: a principal {@code Type:name} ({@code User:*} is every
 * user), a host (an IP address, or {@code *} for any), an operation and ALLOW or DENY.
 *
 * <p>Immutable and thread-safe.
 */
public record AccessControlEntry(String principal, String host, AclOperation operation,
                                 AclPermissionType permission) {

    /** The host that matches every client address. */
    public static final String ANY_HOST = "*";
    /** The principal that matches every user. */
    public static final String ANY_USER = "User:*";

    public AccessControlEntry {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(permission, "permission");
        int colon = principal.indexOf(':');
        if (colon <= 0 || colon == principal.length() - 1) {
            throw new IllegalArgumentException("an ACL principal must be Type:name (e.g. User:alice), was '"
                    + principal + "'");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("an ACL host must be an IP address or *, was empty");
        }
        if (operation == AclOperation.ANY) {
            throw new IllegalArgumentException("an ACL binding needs a specific operation, not ANY");
        }
        if (permission == AclPermissionType.ANY) {
            throw new IllegalArgumentException("an ACL binding must ALLOW or DENY, not ANY");
        }
    }
}
