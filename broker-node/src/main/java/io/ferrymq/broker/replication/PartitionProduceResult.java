package io.ferrymq.broker.replication;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * The outcome of a produce request for one partition, as the Produce handler puts it on the wire:
 * an error code ({@link ErrorCode#NONE} on success), the offset given to the first record, the
 * log-append time ({@code -1} when the producer's create time is kept), the partition's log start
 * offset, and a human-readable message naming what went wrong (empty on success).
 *
 * <p>Immutable value; the field order follows {@code ProduceResponse.PartitionResponse}.
 */
public record PartitionProduceResult(
        ErrorCode error, String errorMessage, long baseOffset, long logAppendTimeMs, long logStartOffset) {

    public PartitionProduceResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorMessage, "errorMessage");
    }

    public static PartitionProduceResult success(long baseOffset, long logAppendTimeMs, long logStartOffset) {
        return new PartitionProduceResult(ErrorCode.NONE, "", baseOffset, logAppendTimeMs, logStartOffset);
    }

    public static PartitionProduceResult failure(ErrorCode error, String message) {
        return new PartitionProduceResult(error, message, -1L, -1L, -1L);
    }

    /** The same offsets with an error instead (e.g. written but not replicated in time). */
    public PartitionProduceResult withError(ErrorCode newError, String message) {
        return new PartitionProduceResult(newError, message, baseOffset, logAppendTimeMs, logStartOffset);
    }
}
