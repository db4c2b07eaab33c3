package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/**
 * A group-level error (e.g. NOT_COORDINATOR, then {@code members} is empty), or NONE and per member
 * whether it left (NONE) or why not (e.g. UNKNOWN_MEMBER_ID). Immutable.
 */
public record LeaveGroupResponse(ErrorCode error, List<MemberResult> members) implements ApiResponse {

    public LeaveGroupResponse {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    /** The group-level error if any, else the first member's error, else NONE. */
    public ErrorCode firstError() {
        if (error != ErrorCode.NONE) {
            return error;
        }
        return members.stream().map(MemberResult::error).filter(e -> e != ErrorCode.NONE).findFirst()
                .orElse(ErrorCode.NONE);
    }

    public record MemberResult(String memberId, ErrorCode error) {
        public MemberResult {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(error, "error");
        }
    }
}
