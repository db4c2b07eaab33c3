package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.group.JoinRequest;
import io.ferrymq.broker.group.JoinResult;
import io.ferrymq.broker.group.ProtocolMetadata;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.responses.JoinGroupResponse;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup: a delayed response, completed when the group's join phase ends (or at once with
 * MEMBER_ID_REQUIRED on a first join). The leader's response lists every member. Thread-safe.
 */
public final class JoinGroupHandler implements RequestHandler<JoinGroupRequest> {

    private final GroupCoordinator coordinator;

    public JoinGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.JOIN_GROUP;
    }

    @Override
    public CompletableFuture<JoinGroupResponse> handle(RequestContext context, JoinGroupRequest request) {
        JoinRequest join = new JoinRequest(request.memberId(), context.clientId(), ClientHosts.of(context),
                request.sessionTimeoutMs(), request.rebalanceTimeoutMs(), request.protocolType(),
                request.protocols().stream().map(p -> new ProtocolMetadata(p.name(), p.metadata())).toList(),
                request.requireKnownMemberId());
        return coordinator.join(request.groupId(), join).thenApply(result -> toResponse(result, request));
    }

    private JoinGroupResponse toResponse(JoinResult result, JoinGroupRequest request) {
        if (result.error() != ErrorCode.NONE) {
            return JoinGroupResponse.error(result.error(), result.memberId());
        }
        return new JoinGroupResponse(ErrorCode.NONE, result.generationId(), request.protocolType(),
                result.protocolName(), result.leaderId(), result.memberId(),
                result.members().stream().map(m -> new JoinGroupResponse.Member(m.memberId(), "", "", m.metadata()))
                        .toList());
    }

    @Override
    public ApiResponse errorResponse(JoinGroupRequest request, ErrorCode error, String message) {
        return JoinGroupResponse.error(error, request.memberId());
    }
}
