package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/** The groups this broker coordinates, with protocol type and state. Immutable. */
public record ListGroupsResponse(ErrorCode error, List<GroupListing> groups) implements ApiResponse {

    public ListGroupsResponse {
        Objects.requireNonNull(error, "error");
        groups = List.copyOf(groups);
    }

    public record GroupListing(String groupId, String protocolType, String state) {
        public GroupListing {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(protocolType, "protocolType");
            Objects.requireNonNull(state, "state");
        }
    }
}
