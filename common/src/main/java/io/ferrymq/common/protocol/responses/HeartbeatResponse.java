package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/** NONE, or e.g. REBALANCE_IN_PROGRESS (rejoin), ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID. Immutable. */
public record HeartbeatResponse(ErrorCode error) implements ApiResponse {

    public HeartbeatResponse {
        Objects.requireNonNull(error, "error");
    }
}
