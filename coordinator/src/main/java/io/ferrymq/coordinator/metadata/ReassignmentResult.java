package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * The answer for one partition of a reassignment request: {@code NONE}, or Kafka's error with a
 * message naming what was wrong. Immutable.
 */
public record ReassignmentResult(ErrorCode error, String message) {

    public static final ReassignmentResult DONE = new ReassignmentResult(ErrorCode.NONE, "");

    public ReassignmentResult {
        Objects.requireNonNull(error, "error");
        message = message == null ? "" : message;
    }
}
