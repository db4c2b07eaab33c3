package io.ferrymq.client.protocol.requests;

import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiRequest;
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
