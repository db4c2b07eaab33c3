package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.broker.server.handler.ClusterView;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse.Coordinator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator: per key, the live broker that coordinates the group, computed from the live broker
 * set (see {@code CoordinatorSelector}); any broker can answer. COORDINATOR_NOT_AVAILABLE when no
 * broker is live or the chosen one is not in this broker's view yet; INVALID_REQUEST for key types
 * other than groups (Ferry has no transaction coordinator). Thread-safe.
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
            return CompletableFuture.completedFuture((FindCoordinatorResponse) errorResponse(request,
                    ErrorCode.INVALID_REQUEST, "only group coordinators exist (key type 0), got key type "
                            + request.keyType()));
        }
        List<BrokerNode> live = cluster.liveBrokers(context.listenerName());
        return CompletableFuture.completedFuture(new FindCoordinatorResponse(request.keys().stream()
                .map(key -> coordinatorOf(key, live)).toList()));
    }

    private Coordinator coordinatorOf(String groupId, List<BrokerNode> live) {
        Optional<BrokerNode> node = coordinator.coordinatorFor(groupId)
                .flatMap(id -> live.stream().filter(b -> b.id() == id).findFirst());
        return node.map(n -> new Coordinator(groupId, ErrorCode.NONE, "", Optional.of(n)))
                .orElseGet(() -> new Coordinator(groupId, ErrorCode.COORDINATOR_NOT_AVAILABLE,
                        "no live broker can coordinate group " + groupId, Optional.empty()));
    }

    @Override
    public ApiResponse errorResponse(FindCoordinatorRequest request, ErrorCode error, String message) {
        return new FindCoordinatorResponse(request.keys().stream()
                .map(key -> new Coordinator(key, error, message, Optional.empty())).toList());
    }
}
