package io.ferrymq.broker.server;

import io.ferrymq.broker.config.ConfigException;
import io.ferrymq.client.protocol.ApiException;
import io.ferrymq.client.protocol.ErrorCode;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become wire error codes. {@link ApiException}s (including the
 * record format's {@code CorruptRecordException} and {@code RecordTooLargeException}) carry their
 * code; a few JDK and module exceptions have a fixed mapping; anything else is an
 * {@code UNKNOWN_SERVER_ERROR} whose stack trace is logged here and whose wire message names only
 * the exception type and message.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    /** The error for {@code failure}, after unwrapping future wrappers. */
    public static ApiError toApiError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return new ApiError(api.error(), messageOf(api, api.error()));
        }
        if (cause instanceof TimeoutException) {
            return new ApiError(ErrorCode.REQUEST_TIMED_OUT, cause.getMessage());
        }
        if (cause instanceof PartitionStateConflictException) {
            return new ApiError(ErrorCode.NOT_LEADER_OR_FOLLOWER, cause.getMessage());
        }
        if (cause instanceof ConfigException) {
            return new ApiError(ErrorCode.INVALID_CONFIG, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return new ApiError(ErrorCode.INVALID_REQUEST, cause.getMessage());
        }
        if (cause instanceof RejectedExecutionException || cause instanceof CancellationException) {
            return new ApiError(ErrorCode.BROKER_NOT_AVAILABLE, "the broker is shutting down");
        }
        log.error("Unexpected error while serving a request", cause);
        return new ApiError(ErrorCode.UNKNOWN_SERVER_ERROR,
                cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    /** The exception behind future and reflection wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String messageOf(ApiException exception, ErrorCode error) {
        String message = exception.getMessage();
        String prefix = error.name() + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
