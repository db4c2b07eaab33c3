package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse;
import java.util.concurrent.CompletableFuture;

/** LeaveGroup: removes the member at once (no session timeout wait) and rebalances the rest. Thread-safe. */
public final class LeaveGroupHandler implements RequestHandler<LeaveGroupRequest> {

    private final GroupCoordinator coordinator;

    public LeaveGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LEAVE_GROUP;
    }

    @Override
    public CompletableFuture<LeaveGroupResponse> handle(RequestContext context, LeaveGroupRequest request) {
        return coordinator.leave(request.groupId(), request.memberId()).thenApply(LeaveGroupResponse::new);
    }

    @Override
    public ApiResponse errorResponse(LeaveGroupRequest request, ErrorCode error, String message) {
        return new LeaveGroupResponse(error);
    }
}
