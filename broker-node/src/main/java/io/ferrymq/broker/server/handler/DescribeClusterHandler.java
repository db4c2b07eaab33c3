package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeCluster: the cluster id, the live brokers and their offline log dirs from the registry's cache.
 *
 * <p>Immutable and thread-safe.
 */
public final class DescribeClusterHandler implements RequestHandler<DescribeClusterRequest> {

    private final ClusterView cluster;

    public DescribeClusterHandler(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CLUSTER;
    }

    @Override
    public CompletableFuture<DescribeClusterResponse> handle(RequestContext context, DescribeClusterRequest request) {
        return CompletableFuture.completedFuture(
                new DescribeClusterResponse(ErrorCode.NONE, "", cluster.clusterId(),
                        cluster.liveBrokers(context.listenerName()), cluster.offlineLogDirs()));
    }

    @Override
    public ApiResponse errorResponse(DescribeClusterRequest request, ErrorCode error, String message) {
        return new DescribeClusterResponse(error, message, cluster.clusterId(), List.of());
    }
}
