package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.DescribeAclsRequest;
import io.ferrymq.common.protocol.responses.DescribeAclsResponse;
import io.ferrymq.coordinator.acl.AclStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeAcls: the bindings of this broker's ACL cache that match the filter, in a stable order
 * (resource, then principal). An invalid filter is {@code INVALID_REQUEST}; without an authorizer,
 * {@code SECURITY_DISABLED}.
 *
 * <p>Thread-safe.
 */
public final class DescribeAclsHandler implements RequestHandler<DescribeAclsRequest> {

    private static final Comparator<AclBindingData> ORDER = Comparator.comparing(AclBindingData::resourceType)
            .thenComparing(AclBindingData::resourceName).thenComparing(AclBindingData::patternType)
            .thenComparing(AclBindingData::principal).thenComparing(AclBindingData::operation)
            .thenComparing(AclBindingData::permissionType).thenComparing(AclBindingData::host);

    private final Optional<AclStore> store;

    public DescribeAclsHandler(Optional<AclStore> store) {
        this.store = store;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_ACLS;
    }

    @Override
    public CompletableFuture<DescribeAclsResponse> handle(RequestContext context, DescribeAclsRequest request) {
        if (store.isEmpty()) {
            return CompletableFuture.completedFuture(errorResponse(request, ErrorCode.SECURITY_DISABLED,
                    CreateAclsHandler.DISABLED));
        }
        try {
            AclBindingFilter filter = request.filter().toFilter();
            List<AclBindingData> matching = store.get().bindings().stream().filter(filter::matches)
                    .map(AclBindingData::of).sorted(ORDER).toList();
            return CompletableFuture.completedFuture(new DescribeAclsResponse(ErrorCode.NONE, "", matching));
        } catch (IllegalArgumentException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return CompletableFuture.completedFuture(errorResponse(request, error.error(), error.message()));
        }
    }

    @Override
    public DescribeAclsResponse errorResponse(DescribeAclsRequest request, ErrorCode error, String message) {
        return new DescribeAclsResponse(error, message, List.of());
    }
}
