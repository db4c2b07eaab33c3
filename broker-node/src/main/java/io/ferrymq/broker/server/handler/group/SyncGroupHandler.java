package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.SyncGroupRequest;
import io.ferrymq.common.protocol.responses.SyncGroupResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup: the leader hands in every member's assignment; each member's response (delayed until
 * the leader's arrives) carries its own. Thread-safe.
 */
public final class SyncGroupHandler implements RequestHandler<SyncGroupRequest> {

    private final GroupCoordinator coordinator;

    public SyncGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SYNC_GROUP;
    }

    @Override
    public CompletableFuture<SyncGroupResponse> handle(RequestContext context, SyncGroupRequest request) {
        Map<String, byte[]> assignments = new HashMap<>();
        request.assignments().forEach(a -> assignments.put(a.memberId(), a.assignment()));
        return coordinator.sync(request.groupId(), request.memberId(), request.generationId(), assignments)
                .thenApply(result -> result.error() != ErrorCode.NONE ? SyncGroupResponse.error(result.error())
                        : new SyncGroupResponse(ErrorCode.NONE, request.protocolType(), request.protocolName(),
                                result.assignment()));
    }

    @Override
    public ApiResponse errorResponse(SyncGroupRequest request, ErrorCode error, String message) {
        return SyncGroupResponse.error(error);
    }
}
