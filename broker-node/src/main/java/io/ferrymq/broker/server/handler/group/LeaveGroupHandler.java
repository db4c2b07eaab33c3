package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse.MemberResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * LeaveGroup: removes each named member at once (no session timeout wait) and rebalances the rest. An
 * error about the group rather than a member (the coordinator moved, an invalid id) is answered once
 * for the group, as Kafka does. Thread-safe.
 */
public final class LeaveGroupHandler implements RequestHandler<LeaveGroupRequest> {

    private static final Set<ErrorCode> GROUP_ERRORS = Set.of(ErrorCode.NOT_COORDINATOR,
            ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.INVALID_GROUP_ID);

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
        List<CompletableFuture<MemberResult>> each = request.memberIds().stream()
                .map(id -> coordinator.leave(request.groupId(), id).thenApply(error -> new MemberResult(id, error)))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<MemberResult> members = each.stream().map(CompletableFuture::join).toList();
            return members.stream().map(MemberResult::error).filter(GROUP_ERRORS::contains).findFirst()
                    .map(groupError -> new LeaveGroupResponse(groupError, List.of()))
                    .orElseGet(() -> new LeaveGroupResponse(ErrorCode.NONE, members));
        });
    }

    @Override
    public ApiResponse errorResponse(LeaveGroupRequest request, ErrorCode error, String message) {
        return new LeaveGroupResponse(error, List.of());
    }
}
