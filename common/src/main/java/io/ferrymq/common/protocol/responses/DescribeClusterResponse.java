package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/** The cluster id and live brokers. Immutable. */
public record DescribeClusterResponse(ErrorCode error, String errorMessage, String clusterId, List<BrokerNode> brokers)
        implements ApiResponse {

    public DescribeClusterResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        Objects.requireNonNull(clusterId, "clusterId");
        brokers = List.copyOf(brokers);
    }
}
