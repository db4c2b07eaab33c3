package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse.GroupResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteGroups: removes empty groups and their committed offsets; NON_EMPTY_GROUP while a group
 * has members, GROUP_ID_NOT_FOUND for unknown ones. Thread-safe.
 */
public final class DeleteGroupsHandler implements RequestHandler<DeleteGroupsRequest> {

    private final GroupCoordinator coordinator;

    public DeleteGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_GROUPS;
    }

    @Override
    public CompletableFuture<DeleteGroupsResponse> handle(RequestContext context, DeleteGroupsRequest request) {
        List<CompletableFuture<GroupResult>> each = request.groupIds().stream()
                .map(id -> coordinator.deleteGroup(id).thenApply(error -> new GroupResult(id, error))).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new DeleteGroupsResponse(each.stream().map(CompletableFuture::join).toList()));
    }

    @Override
    public ApiResponse errorResponse(DeleteGroupsRequest request, ErrorCode error, String message) {
        return new DeleteGroupsResponse(request.groupIds().stream().map(id -> new GroupResult(id, error)).toList());
    }
}
