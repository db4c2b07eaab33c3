package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/** NONE, or why the member could not leave (e.g. UNKNOWN_MEMBER_ID). Immutable. */
public record LeaveGroupResponse(ErrorCode error) implements ApiResponse {

    public LeaveGroupResponse {
        Objects.requireNonNull(error, "error");
    }
}
