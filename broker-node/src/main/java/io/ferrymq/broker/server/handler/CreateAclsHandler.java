package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.CreateAclsRequest;
import io.ferrymq.common.protocol.responses.CreateAclsResponse;
import io.ferrymq.common.protocol.responses.CreateAclsResponse.Result;
import io.ferrymq.coordinator.acl.AclStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * CreateAcls: stores each binding in the {@link AclStore}; an invalid binding is
 * {@code INVALID_REQUEST} with the reason, alone. Without an authorizer ({@code authorizer.class.name}
 * empty) there is no store and every creation answers {@code SECURITY_DISABLED}. Who may call it
 * (ALTER on the cluster) is checked before, in the request path.
 *
 * <p>Thread-safe.
 */
public final class CreateAclsHandler implements RequestHandler<CreateAclsRequest> {

    static final String DISABLED = "no authorizer is configured on this broker (authorizer.class.name)";

    private final Optional<AclStore> store;

    public CreateAclsHandler(Optional<AclStore> store) {
        this.store = store;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_ACLS;
    }

    @Override
    public CompletableFuture<CreateAclsResponse> handle(RequestContext context, CreateAclsRequest request) {
        if (store.isEmpty()) {
            return CompletableFuture.completedFuture(errorResponse(request, ErrorCode.SECURITY_DISABLED, DISABLED));
        }
        return CompletableFuture.completedFuture(new CreateAclsResponse(request.creations().stream()
                .map(this::create)
                .toList()));
    }

    @Override
    public CreateAclsResponse errorResponse(CreateAclsRequest request, ErrorCode error, String message) {
        return new CreateAclsResponse(request.creations().stream().map(c -> new Result(error, message)).toList());
    }

    private Result create(AclBindingData creation) {
        try {
            store.orElseThrow().add(List.of(creation.toBinding()));
            return new Result(ErrorCode.NONE, "");
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return new Result(error.error(), error.message());
        }
    }
}
