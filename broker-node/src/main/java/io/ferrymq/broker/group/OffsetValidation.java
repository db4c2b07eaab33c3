package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.group.CommittedOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks each partition of an offset commit: the offset must be >= 0 and the metadata at most
 * {@value GroupCoordinator#MAX_METADATA_LENGTH} characters; a bad partition gets
 * INVALID_COMMIT_OFFSET_SIZE and the others are still committed. Stateless and thread-safe.
 */
final class OffsetValidation {

    private OffsetValidation() {
    }

    /** Returns the valid partitions stamped with {@code nowMs}; puts errors of the others in {@code errors}. */
    static Map<TopicPartition, CommittedOffset> validate(Map<TopicPartition, OffsetCommitEntry> offsets, long nowMs,
                                                         Map<TopicPartition, ErrorCode> errors) {
        Map<TopicPartition, CommittedOffset> valid = new HashMap<>();
        offsets.forEach((tp, entry) -> {
            if (entry.offset() < 0 || entry.metadata().length() > GroupCoordinator.MAX_METADATA_LENGTH) {
                errors.put(tp, ErrorCode.INVALID_COMMIT_OFFSET_SIZE);
            } else {
                valid.put(tp, new CommittedOffset(entry.offset(), entry.metadata(), nowMs));
            }
        });
        return valid;
    }
}
