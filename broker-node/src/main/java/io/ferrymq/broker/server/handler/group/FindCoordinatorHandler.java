package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.broker.server.handler.ClusterView;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator: the live broker that coordinates the group, computed from the live broker set
 * (see {@code CoordinatorSelector}); any broker can answer. COORDINATOR_NOT_AVAILABLE when no
 * broker is live or the chosen one is not in this broker's view yet. Thread-safe.
 */
public final class FindCoordinatorHandler implements RequestHandler<FindCoordinatorRequest> {

    private final GroupCoordinator coordinator;
    private final ClusterView cluster;

    public FindCoordinatorHandler(GroupCoordinator coordinator, ClusterView cluster) {
        this.coordinator = coordinator;
        this.cluster = cluster;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }

    @Override
    public CompletableFuture<FindCoordinatorResponse> handle(RequestContext context, FindCoordinatorRequest request) {
        if (request.keyType() != FindCoordinatorRequest.GROUP) {
            return CompletableFuture.completedFuture(new FindCoordinatorResponse(ErrorCode.INVALID_REQUEST,
                    "only group coordinators exist (key type 0), got key type " + request.keyType(), Optional.empty()));
        }
        Optional<BrokerNode> node = coordinator.coordinatorFor(request.key()).flatMap(id ->
                cluster.liveBrokers(context.listenerName()).stream().filter(b -> b.id() == id).findFirst());
        return CompletableFuture.completedFuture(node
                .map(n -> new FindCoordinatorResponse(ErrorCode.NONE, "", Optional.of(n)))
                .orElseGet(() -> new FindCoordinatorResponse(ErrorCode.COORDINATOR_NOT_AVAILABLE,
                        "no live broker can coordinate group " + request.key(), Optional.empty())));
    }

    @Override
    public ApiResponse errorResponse(FindCoordinatorRequest request, ErrorCode error, String message) {
        return new FindCoordinatorResponse(error, message, Optional.empty());
    }
}
