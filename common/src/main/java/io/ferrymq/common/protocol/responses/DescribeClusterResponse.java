package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster id, the live brokers, and the log dirs each live broker reports offline (by broker id;
 * brokers with every dir online are absent; KIP-112). Immutable.
 */
public record DescribeClusterResponse(ErrorCode error, String errorMessage, String clusterId, List<BrokerNode> brokers,
                                      Map<Integer, List<String>> offlineLogDirs)
        implements ApiResponse {

    public DescribeClusterResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        Objects.requireNonNull(clusterId, "clusterId");
        brokers = List.copyOf(brokers);
        offlineLogDirs = Map.copyOf(offlineLogDirs);
    }

    /** A response in which every broker's log dirs are online. */
    public DescribeClusterResponse(ErrorCode error, String errorMessage, String clusterId, List<BrokerNode> brokers) {
        this(error, errorMessage, clusterId, brokers, Map.of());
    }
}
