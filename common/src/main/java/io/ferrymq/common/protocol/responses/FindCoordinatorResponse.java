package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Per requested key, in request order: its coordinator broker, or an error (e.g. COORDINATOR_NOT_AVAILABLE) and no node. Immutable. */
public record FindCoordinatorResponse(List<Coordinator> coordinators) implements ApiResponse {

    public FindCoordinatorResponse {
        coordinators = List.copyOf(coordinators);
    }

    /** The answer for {@code key}, or COORDINATOR_NOT_AVAILABLE when the response lacks it. */
    public Coordinator coordinatorOf(String key) {
        return coordinators.stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseGet(() -> new Coordinator(key, ErrorCode.COORDINATOR_NOT_AVAILABLE,
                        "no answer for key " + key, Optional.empty()));
    }

    public record Coordinator(String key, ErrorCode error, String errorMessage, Optional<BrokerNode> node) {
        public Coordinator {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(error, "error");
            errorMessage = errorMessage == null ? "" : errorMessage;
            Objects.requireNonNull(node, "node");
        }
    }
}
