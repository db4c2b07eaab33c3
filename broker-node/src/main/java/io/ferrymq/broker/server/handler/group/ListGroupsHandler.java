package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ListGroupsRequest;
import io.ferrymq.common.protocol.responses.ListGroupsResponse;
import io.ferrymq.common.protocol.responses.ListGroupsResponse.GroupListing;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * ListGroups: the groups this broker coordinates (like Kafka, a tool asks every broker and merges),
 * optionally filtered by state name (case-insensitive, e.g. "Stable"). Thread-safe.
 */
public final class ListGroupsHandler implements RequestHandler<ListGroupsRequest> {

    private final GroupCoordinator coordinator;

    public ListGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_GROUPS;
    }

    @Override
    public CompletableFuture<ListGroupsResponse> handle(RequestContext context, ListGroupsRequest request) {
        List<String> filter = request.statesFilter().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return coordinator.listGroups().thenApply(groups -> new ListGroupsResponse(ErrorCode.NONE, groups.stream()
                .filter(g -> filter.isEmpty() || filter.contains(g.state().displayName().toLowerCase(Locale.ROOT)))
                .map(g -> new GroupListing(g.groupId(), g.protocolType(), g.state().displayName()))
                .toList()));
    }

    @Override
    public ApiResponse errorResponse(ListGroupsRequest request, ErrorCode error, String message) {
        return new ListGroupsResponse(error, List.of());
    }
}
