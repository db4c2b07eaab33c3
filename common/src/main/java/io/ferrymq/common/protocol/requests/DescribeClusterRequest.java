package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;

/** Ask for the cluster id and the live brokers. Immutable. */
public record DescribeClusterRequest() implements ApiRequest {

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CLUSTER;
    }
}
