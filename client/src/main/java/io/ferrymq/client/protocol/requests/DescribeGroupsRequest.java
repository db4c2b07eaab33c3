package io.ferrymq.client.protocol.requests;

import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiRequest;
import java.util.List;

/** Describe groups (state, protocol, members and their assignments). Immutable. */
public record DescribeGroupsRequest(List<String> groupIds) implements ApiRequest {

    public DescribeGroupsRequest {
        groupIds = List.copyOf(groupIds);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_GROUPS;
    }
}
