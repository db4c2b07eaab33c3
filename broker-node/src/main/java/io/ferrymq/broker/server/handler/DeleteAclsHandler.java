package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.AclFilterData;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.DeleteAclsRequest;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse.FilterResult;
import io.ferrymq.coordinator.acl.AclStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteAcls: removes, filter by filter, every stored binding that matches, and returns those
 * removed (read from ZooKeeper, so a binding another broker just wrote is found too). An invalid
 * filter is {@code INVALID_REQUEST}, alone; without an authorizer, {@code SECURITY_DISABLED}.
 *
 * <p>Thread-safe.
 */
public final class DeleteAclsHandler implements RequestHandler<DeleteAclsRequest> {

    private final Optional<AclStore> store;

    public DeleteAclsHandler(Optional<AclStore> store) {
        this.store = store;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_ACLS;
    }

    @Override
    public CompletableFuture<DeleteAclsResponse> handle(RequestContext context, DeleteAclsRequest request) {
        if (store.isEmpty()) {
            return CompletableFuture.completedFuture(errorResponse(request, ErrorCode.SECURITY_DISABLED,
                    CreateAclsHandler.DISABLED));
        }
        return CompletableFuture.completedFuture(new DeleteAclsResponse(request.filters().stream()
                .map(this::delete)
                .toList()));
    }

    @Override
    public DeleteAclsResponse errorResponse(DeleteAclsRequest request, ErrorCode error, String message) {
        return new DeleteAclsResponse(request.filters().stream()
                .map(f -> new FilterResult(error, message, List.of()))
                .toList());
    }

    private FilterResult delete(AclFilterData filter) {
        try {
            List<AclBindingData> deleted = store.orElseThrow().remove(filter.toFilter()).stream()
                    .map(AclBindingData::of).toList();
            return new FilterResult(ErrorCode.NONE, "", deleted);
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return new FilterResult(error.error(), error.message(), List.of());
        }
    }
}
