package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Objects;

/**
 * The granted producer id and epoch, or an error with {@code producerId -1, producerEpoch -1}:
 * {@code INVALID_REQUEST} (a transactional id, or only one of id and epoch given),
 * {@code COORDINATOR_NOT_AVAILABLE} (the broker could not reach ZooKeeper for a block of ids;
 * retriable). Immutable.
 */
public record InitProducerIdResponse(ErrorCode error, String errorMessage, long producerId, short producerEpoch)
        implements ApiResponse {

    public InitProducerIdResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
    }

    public static InitProducerIdResponse granted(long producerId, short producerEpoch) {
        return new InitProducerIdResponse(ErrorCode.NONE, "", producerId, producerEpoch);
    }

    public static InitProducerIdResponse error(ErrorCode error, String message) {
        return new InitProducerIdResponse(error, message, -1L, (short) -1);
    }
}
