package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.DescribeResult;
import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.group.GroupDescription;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse.DescribedGroup;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeGroups: state, protocol and members (client id, host, metadata, assignment) of each
 * group; an unknown group is described as "Dead" with no members, as Kafka does. Thread-safe.
 */
public final class DescribeGroupsHandler implements RequestHandler<DescribeGroupsRequest> {

    private final GroupCoordinator coordinator;

    public DescribeGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_GROUPS;
    }

    @Override
    public CompletableFuture<DescribeGroupsResponse> handle(RequestContext context, DescribeGroupsRequest request) {
        List<CompletableFuture<DescribedGroup>> each = request.groupIds().stream()
                .map(id -> coordinator.describe(id).thenApply(result -> toGroup(id, result))).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new DescribeGroupsResponse(each.stream().map(CompletableFuture::join).toList()));
    }

    private static DescribedGroup toGroup(String groupId, DescribeResult result) {
        if (result.error() != ErrorCode.NONE || result.description().isEmpty()) {
            return new DescribedGroup(result.error(), groupId, "", "", "", List.of());
        }
        GroupDescription d = result.description().get();
        return new DescribedGroup(ErrorCode.NONE, groupId, d.state().displayName(), d.protocolType(), d.protocol(),
                d.members().stream().map(m -> new DescribeGroupsResponse.Member(m.memberId(), m.clientId(),
                        m.clientHost(), m.metadata(), m.assignment())).toList());
    }

    @Override
    public ApiResponse errorResponse(DescribeGroupsRequest request, ErrorCode error, String message) {
        return new DescribeGroupsResponse(request.groupIds().stream()
                .map(id -> new DescribedGroup(error, id, "", "", "", List.of())).toList());
    }
}
