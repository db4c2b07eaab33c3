package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
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
