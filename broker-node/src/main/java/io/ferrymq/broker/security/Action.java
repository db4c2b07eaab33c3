package io.ferrymq.broker.security;

import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.ResourceType;
import java.util.Objects;

/**
 * One thing a request wants to do, as the authorizer and its audit log see it: who, from which host
 * (an IP address), which operation on which resource, for which API (named in the audit line).
 *
 * <p>Immutable and thread-safe.
 */
public record Action(Principal principal, String host, AclOperation operation, ResourceType resourceType,
                     String resourceName, String apiName) {

    public Action {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(apiName, "apiName");
    }
}
