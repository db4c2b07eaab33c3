package io.ferrymq.broker.replication;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * The answer to ListOffsets for one partition: the offset found ({@code -1} when no record is at or
 * after the requested time), the timestamp of that record ({@code -1} for earliest/latest) and the
 * leader epoch of that offset ({@code -1} when unknown), or an error with a message.
 *
 * <p>Immutable value.
 */
public record ListOffsetResult(ErrorCode error, String errorMessage, long timestamp, long offset, int leaderEpoch) {

    public ListOffsetResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    public static ListOffsetResult failure(ErrorCode error, String message) {
        return new ListOffsetResult(error, message, -1L, -1L, -1);
    }
}
