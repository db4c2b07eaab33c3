package io.ferrymq.broker.replication;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * The answer to OffsetsForLeaderEpoch for one partition: the largest epoch not above the requested
 * one that the leader knows and its end offset (start offset of the next epoch, or the log end
 * offset for the current epoch); {@code -1/-1} when the leader knows no such epoch; or an error.
 *
 * <p>Immutable value.
 */
public record EpochEndOffsetResult(ErrorCode error, String errorMessage, int leaderEpoch, long endOffset) {

    public EpochEndOffsetResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    public static EpochEndOffsetResult failure(ErrorCode error, String message) {
        return new EpochEndOffsetResult(error, message, -1, -1L);
    }
}
