package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.responses.HeartbeatResponse;
import java.util.concurrent.CompletableFuture;

/** Heartbeat: keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin. Thread-safe. */
public final class HeartbeatHandler implements RequestHandler<HeartbeatRequest> {

    private final GroupCoordinator coordinator;

    public HeartbeatHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.HEARTBEAT;
    }

    @Override
    public CompletableFuture<HeartbeatResponse> handle(RequestContext context, HeartbeatRequest request) {
        return coordinator.heartbeat(request.groupId(), request.memberId(), request.generationId())
                .thenApply(HeartbeatResponse::new);
    }

    @Override
    public ApiResponse errorResponse(HeartbeatRequest request, ErrorCode error, String message) {
        return new HeartbeatResponse(error);
    }
}
