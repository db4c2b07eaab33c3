package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/** The coordinator broker for the key, or an error (e.g. COORDINATOR_NOT_AVAILABLE) and no node. Immutable. */
public record FindCoordinatorResponse(ErrorCode error, String errorMessage, Optional<BrokerNode> coordinator)
        implements ApiResponse {

    public FindCoordinatorResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        Objects.requireNonNull(coordinator, "coordinator");
    }
}
