package io.ferrymq.broker.errors;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.Failures;
import io.ferrymq.coordinator.group.GroupFencedException;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.zk.CoordinatorException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place in the broker where exceptions become wire error codes, for a whole request
 * ({@link #toApiError}), one partition ({@link #forPartition}, whose message always names the
 * partition) or one group ({@link #forGroup}). Future wrappers are removed first
 * ({@link Failures#unwrap}). {@link ApiException}s (validation, leadership, fencing, the record
 * format's) carry their code and reason; disk errors are {@code KAFKA_STORAGE_ERROR}; a few JDK and
 * module exceptions have a fixed code; anything else is a bug: {@code UNKNOWN_SERVER_ERROR}, its stack
 * trace logged here. Disk errors are logged with their cause too. Stack traces never go on the wire.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    /** The error of a whole request. */
    public static ApiError toApiError(Throwable failure) {
        return map(Failures.unwrap(failure), "a request");
    }

    /** The error of one partition; the message names it (prefixed unless the reason already does). */
    public static ApiError forPartition(Throwable failure, TopicPartition partition) {
        String name = partition.toString();
        ApiError error = map(Failures.unwrap(failure), name);
        return error.message().contains(name) ? error : new ApiError(error.error(), name + ": " + error.message());
    }

    /**
     * The error of one group's operation. The group store lives in ZooKeeper, so a ZooKeeper failure
     * means this coordinator cannot serve the group now: {@code COORDINATOR_NOT_AVAILABLE} (retriable).
     */
    public static ErrorCode forGroup(Throwable failure, String groupId) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof CoordinatorException) {
            log.warn("ZooKeeper failure serving group {}: {}", groupId, cause.getMessage());
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        return map(cause, "group " + groupId).error();
    }

    /**
     * The error of a request served straight from ZooKeeper ({@code subject} names what was read or
     * written): a ZooKeeper failure is {@code COORDINATOR_NOT_AVAILABLE} (retriable), as for groups.
     */
    public static ApiError forZooKeeperCall(Throwable failure, String subject) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof CoordinatorException) {
            log.warn("ZooKeeper failure serving {}: {}", subject, cause.getMessage());
            return new ApiError(ErrorCode.COORDINATOR_NOT_AVAILABLE, "ZooKeeper unavailable for " + subject);
        }
        return map(cause, subject);
    }

    private static ApiError map(Throwable cause, String subject) {
        if (cause instanceof ApiException api) {
            return new ApiError(api.error(), Failures.reason(api));
        }
        if (cause instanceof RejectedExecutionException || cause instanceof CancellationException) {
            return new ApiError(ErrorCode.BROKER_NOT_AVAILABLE, "the broker is shutting down");
        }
        Optional<ErrorCode> fixed = fixedCode(cause);
        if (fixed.isPresent()) {
            return new ApiError(fixed.get(), cause.getMessage());
        }
        if (cause instanceof UncheckedIOException io) {
            log.error("Disk error serving {}", subject, io);
            return new ApiError(ErrorCode.KAFKA_STORAGE_ERROR, "disk error: " + io.getMessage());
        }
        log.error("Unexpected error serving {}", subject, cause);
        return new ApiError(ErrorCode.UNKNOWN_SERVER_ERROR,
                cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private static Optional<ErrorCode> fixedCode(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return Optional.of(ErrorCode.REQUEST_TIMED_OUT);
        }
        if (cause instanceof PartitionStateConflictException) {
            return Optional.of(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        }
        if (cause instanceof GroupFencedException) {
            return Optional.of(ErrorCode.NOT_COORDINATOR);
        }
        if (cause instanceof ConfigException) {
            return Optional.of(ErrorCode.INVALID_CONFIG);
        }
        if (cause instanceof IllegalArgumentException) {
            return Optional.of(ErrorCode.INVALID_REQUEST);
        }
        return Optional.empty();
    }
}
