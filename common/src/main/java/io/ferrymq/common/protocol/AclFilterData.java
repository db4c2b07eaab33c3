package io.ferrymq.common.protocol;

import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourceType;
import java.util.Optional;

/**
 * An ACL binding filter as it travels in DescribeAcls and DeleteAcls (Kafka's fields: a null name,
 * principal or host matches any; enums as their Kafka codes). {@link #toFilter()} throws
 * {@link IllegalArgumentException} naming what is wrong.
 *
 * <p>Immutable and thread-safe.
 */
public record AclFilterData(byte resourceType, String resourceName, byte patternType, String principal,
                            String host, byte operation, byte permissionType) {

    public static AclFilterData of(AclBindingFilter filter) {
        return new AclFilterData(filter.resourceType().code(), filter.name().orElse(null),
                filter.patternType().code(), filter.principal().orElse(null), filter.host().orElse(null),
                filter.operation().code(), filter.permission().code());
    }

    /** The filter these fields describe; throws {@link IllegalArgumentException} when they are not a valid one. */
    public AclBindingFilter toFilter() {
        return new AclBindingFilter(ResourceType.forCode(resourceType), Optional.ofNullable(resourceName),
                PatternType.forCode(patternType), Optional.ofNullable(principal), Optional.ofNullable(host),
                AclOperation.forCode(operation), AclPermissionType.forCode(permissionType));
    }
}
