package io.ferrymq.broker.replication;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Optional;

/**
 * Asks whether an acks=all append has been committed: empty while the high watermark is still
 * below {@code requiredOffset}, {@link ErrorCode#NONE} once it passed with enough in-sync replicas,
 * otherwise the error that ends the wait (e.g. {@code NOT_ENOUGH_REPLICAS_AFTER_APPEND}, or
 * {@code NOT_LEADER_OR_FOLLOWER} when leadership or the epoch of the append was lost).
 *
 * <p>Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface ReplicationCheck {

    Optional<ErrorCode> check(TopicPartition partition, long requiredOffset, int appendLeaderEpoch);
}
