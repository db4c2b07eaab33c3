package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/** List the groups this broker coordinates, optionally only those in some states (empty = all). Immutable. */
public record ListGroupsRequest(List<String> statesFilter) implements ApiRequest {

    public ListGroupsRequest {
        statesFilter = List.copyOf(statesFilter);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_GROUPS;
    }
}
