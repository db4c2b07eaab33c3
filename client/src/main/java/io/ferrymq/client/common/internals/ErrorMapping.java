package io.ferrymq.client.common.internals;

import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.Failures;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place where client-side failures become {@link ErrorCode}s: a request that failed in the
 * channel maps to its ApiException's code, {@code REQUEST_TIMED_OUT} for a timeout and
 * {@code NETWORK_EXCEPTION} (retriable) for anything else; and which codes mean "metadata is stale".
 * Future wrappers are removed by {@link Failures#unwrap}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorMapping {

    private static final Set<ErrorCode> STALE_METADATA = EnumSet.of(ErrorCode.NOT_LEADER_OR_FOLLOWER,
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.FENCED_LEADER_EPOCH,
            ErrorCode.UNKNOWN_LEADER_EPOCH, ErrorCode.NETWORK_EXCEPTION, ErrorCode.REQUEST_TIMED_OUT,
            ErrorCode.REPLICA_NOT_AVAILABLE, ErrorCode.BROKER_NOT_AVAILABLE, ErrorCode.KAFKA_STORAGE_ERROR);

    private ErrorMapping() {
    }

    /** The code for a failure of a whole request. */
    public static ErrorCode codeOf(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof ApiException api) {
            return api.error();
        }
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return ErrorCode.REQUEST_TIMED_OUT;
        }
        return ErrorCode.NETWORK_EXCEPTION;
    }

    /** True when the error suggests the client's leader information is out of date. */
    public static boolean isStaleMetadata(ErrorCode error) {
        return STALE_METADATA.contains(error);
    }
}
