package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/** Delete empty groups and their committed offsets. Immutable. */
public record DeleteGroupsRequest(List<String> groupIds) implements ApiRequest {

    public DeleteGroupsRequest {
        groupIds = List.copyOf(groupIds);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_GROUPS;
    }
}
