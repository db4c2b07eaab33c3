package io.ferrymq.broker.kafka.admin;

import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.AclFilterData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.CreateAclsRequestData.AclCreation;
import org.apache.kafka.common.message.DeleteAclsRequestData.DeleteAclsFilter;
import org.apache.kafka.common.message.DeleteAclsResponseData.DeleteAclsMatchingAcl;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeAclsResponseData.AclDescription;
import org.apache.kafka.common.message.DescribeAclsResponseData.DescribeAclsResource;

/**
 * The field mapping shared by DescribeAcls, CreateAcls and DeleteAcls 1-3. Ferry's
 * {@link AclBindingData} and {@link AclFilterData} carry Kafka's own codes for resource type, pattern
 * type, operation and permission, so the codes pass through unchanged; the handlers check them.
 * Stateless.
 */
final class AclApis {

    private AclApis() {
    }

    static AclFilterData filter(DescribeAclsRequestData request) {
        return new AclFilterData(request.resourceTypeFilter(), request.resourceNameFilter(), request.patternTypeFilter(),
                request.principalFilter(), request.hostFilter(), request.operation(), request.permissionType());
    }

    static AclFilterData filter(DeleteAclsFilter filter) {
        return new AclFilterData(filter.resourceTypeFilter(), filter.resourceNameFilter(), filter.patternTypeFilter(),
                filter.principalFilter(), filter.hostFilter(), filter.operation(), filter.permissionType());
    }

    static AclBindingData binding(AclCreation creation) {
        return new AclBindingData(creation.resourceType(), creation.resourceName(), creation.resourcePatternType(),
                creation.principal(), creation.host(), creation.operation(), creation.permissionType());
    }

    /** Bindings grouped by resource pattern, as DescribeAcls answers them, in first-seen order. */
    static List<DescribeAclsResource> byResource(List<AclBindingData> bindings) {
        Map<List<Object>, DescribeAclsResource> resources = new LinkedHashMap<>();
        for (AclBindingData b : bindings) {
            resources.computeIfAbsent(List.of(b.resourceType(), b.resourceName(), b.patternType()),
                    k -> new DescribeAclsResource().setResourceType(b.resourceType()).setResourceName(b.resourceName())
                            .setPatternType(b.patternType()))
                    .acls().add(new AclDescription().setPrincipal(b.principal()).setHost(b.host())
                            .setOperation(b.operation()).setPermissionType(b.permissionType()));
        }
        return List.copyOf(resources.values());
    }

    static DeleteAclsMatchingAcl matching(AclBindingData b) {
        return new DeleteAclsMatchingAcl().setResourceType(b.resourceType()).setResourceName(b.resourceName())
                .setPatternType(b.patternType()).setPrincipal(b.principal()).setHost(b.host())
                .setOperation(b.operation()).setPermissionType(b.permissionType());
    }
}
