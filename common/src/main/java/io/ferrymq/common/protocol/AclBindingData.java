package io.ferrymq.common.protocol;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import java.util.Objects;

/**
 * An ACL binding as it travels in CreateAcls, DescribeAcls and DeleteAcls (Kafka's fields, enums as
 * their Kafka codes). Decoding never validates, so one bad entry fails alone: {@link #toBinding()}
 * throws {@link IllegalArgumentException} naming what is wrong.
 *
 * <p>Immutable and thread-safe.
 */
public record AclBindingData(byte resourceType, String resourceName, byte patternType, String principal,
                             String host, byte operation, byte permissionType) {

    public AclBindingData {
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(host, "host");
    }

    public static AclBindingData of(AclBinding binding) {
        ResourcePattern p = binding.pattern();
        AccessControlEntry e = binding.entry();
        return new AclBindingData(p.type().code(), p.name(), p.patternType().code(), e.principal(), e.host(),
                e.operation().code(), e.permission().code());
    }

    /** The binding these fields describe; throws {@link IllegalArgumentException} when they are not a valid one. */
    public AclBinding toBinding() {
        return new AclBinding(
                new ResourcePattern(ResourceType.forCode(resourceType), resourceName, PatternType.forCode(patternType)),
                new AccessControlEntry(principal, host, AclOperation.forCode(operation),
                        AclPermissionType.forCode(permissionType)));
    }
}
