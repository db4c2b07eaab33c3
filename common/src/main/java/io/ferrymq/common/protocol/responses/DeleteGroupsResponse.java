package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.List;
import java.util.Objects;

/** Per group: deleted, or why not (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, NOT_COORDINATOR). Immutable. */
public record DeleteGroupsResponse(List<GroupResult> groups) implements ApiResponse {

    public DeleteGroupsResponse {
        groups = List.copyOf(groups);
    }

    public record GroupResult(String groupId, ErrorCode error) {
        public GroupResult {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(error, "error");
        }
    }
}
