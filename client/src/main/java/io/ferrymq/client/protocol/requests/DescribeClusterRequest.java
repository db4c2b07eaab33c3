package io.ferrymq.client.protocol.requests;

import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiRequest;

/** Ask for the cluster id and the live brokers. Immutable. */
public record DescribeClusterRequest() implements ApiRequest {

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CLUSTER;
    }
}
