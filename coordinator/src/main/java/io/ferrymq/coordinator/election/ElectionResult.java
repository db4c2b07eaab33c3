package io.ferrymq.coordinator.election;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * The outcome of an on-demand election for one partition: {@link ErrorCode#NONE} when the partition
 * now shows the outcome asked for, else Kafka's error ({@code ELECTION_NOT_NEEDED},
 * {@code PREFERRED_LEADER_NOT_AVAILABLE}, {@code ELIGIBLE_LEADERS_NOT_AVAILABLE},
 * {@code REQUEST_TIMED_OUT}, ...) and why. Immutable.
 */
public record ElectionResult(ErrorCode error, String message) {

    public static final ElectionResult DONE = new ElectionResult(ErrorCode.NONE, "");

    public ElectionResult {
        Objects.requireNonNull(error, "error");
        message = message == null ? "" : message;
    }
}
