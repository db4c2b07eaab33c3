package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commits and fetches a group's offsets at its coordinator, retrying coordinator moves and
 * timeouts until the deadline. A commit refused because the member was fenced throws
 * {@link CommitFailedException} (and resets or rejoins the member); other non-retriable errors
 * throw their {@link ApiException}.
 *
 * <p>Thread-safe (stateless besides the shared, thread-safe collaborators).
 */
final class OffsetClient {

    private final GroupMemberConfig config;
    private final CoordinatorConnection coordinator;
    private final MemberState state;

    OffsetClient(GroupMemberConfig config, CoordinatorConnection coordinator, MemberState state) {
        this.config = config;
        this.coordinator = coordinator;
        this.state = state;
    }

    /**
     * Commits {@code offsets} as {@code generation}, the member and generation the positions were
     * consumed under ({@link MemberState.Generation#NONE} only for a consumer outside group
     * management). Every retry presents that same generation: a member fenced meanwhile, or a
     * coordinator that no longer knows it, refuses the commit instead of taking it as a
     * generation-less one.
     */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets, MemberState.Generation generation, long deadlineNanos) {
        if (offsets.isEmpty()) {
            return;
        }
        List<OffsetCommitRequest.PartitionData> partitions = new ArrayList<>();
        offsets.forEach((tp, o) -> partitions.add(new OffsetCommitRequest.PartitionData(tp, o.offset(), -1, o.metadata())));
        RuntimeException last = null;
        while (System.nanoTime() < deadlineNanos) {
            try {
                OffsetCommitResponse response = coordinator.send(new OffsetCommitRequest(config.groupId(),
                        generation.generationId(), generation.memberId(), partitions), OffsetCommitResponse.class, deadlineNanos);
                ErrorCode error = firstError(response);
                if (error == ErrorCode.NONE) {
                    return;
                }
                last = onCommitError(error, offsets);
            } catch (CommitFailedException e) {
                throw e;
            } catch (ApiException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
            } catch (TimeoutException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
            Backoff.sleep(config.retryBackoffMs(), deadlineNanos);
        }
        throw new TimeoutException("Commit of " + offsets.keySet() + " for group " + config.groupId()
                + " did not complete in time" + (last == null ? "" : ": " + last.getMessage()));
    }

    private RuntimeException onCommitError(ErrorCode error, Map<TopicPartition, OffsetAndMetadata> offsets) {
        switch (error) {
            case REBALANCE_IN_PROGRESS -> {
                state.requestRejoin("commit answered REBALANCE_IN_PROGRESS");
                throw commitFailed(error, offsets);
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                state.reset("commit answered " + error);
                throw commitFailed(error, offsets);
            }
            case NON_EMPTY_GROUP -> throw commitFailed(error, offsets);
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS, REQUEST_TIMED_OUT -> {
                coordinator.markUnknown("commit answered " + error);
                return error.exception("commit to group " + config.groupId());
            }
            default -> {
                if (error.isRetriable()) {
                    return error.exception("commit to group " + config.groupId());
                }
                throw error.exception("commit of " + offsets.keySet() + " to group " + config.groupId() + " refused");
            }
        }
    }

    private CommitFailedException commitFailed(ErrorCode error, Map<TopicPartition, OffsetAndMetadata> offsets) {
        return new CommitFailedException("Commit of " + offsets.keySet() + " to group " + config.groupId()
                + " failed with " + error + ": the group rebalanced and the partitions may have moved to another member");
    }

    private static ErrorCode firstError(OffsetCommitResponse response) {
        return response.partitions().stream().map(OffsetCommitResponse.PartitionResponse::error)
                .filter(e -> e != ErrorCode.NONE).findFirst().orElse(ErrorCode.NONE);
    }

    /** Committed offsets of {@code partitions}; partitions without one are absent. */
    Map<TopicPartition, OffsetAndMetadata> fetch(Set<TopicPartition> partitions, long deadlineNanos) {
        RuntimeException last = null;
        while (System.nanoTime() < deadlineNanos) {
            try {
                OffsetFetchResponse.GroupOffsets response = coordinator.send(new OffsetFetchRequest(config.groupId(),
                        List.copyOf(partitions), false), OffsetFetchResponse.class, deadlineNanos)
                        .group(config.groupId());
                if (response.error() == ErrorCode.NONE) {
                    Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
                    response.partitions().stream().filter(p -> p.error() == ErrorCode.NONE && p.offset() >= 0)
                            .forEach(p -> result.put(p.topicPartition(), new OffsetAndMetadata(p.offset(), p.metadata())));
                    return result;
                }
                if (!response.error().isRetriable()) {
                    throw response.error().exception("fetching offsets of group " + config.groupId());
                }
                coordinator.markUnknown("offset fetch answered " + response.error());
                last = response.error().exception("fetching offsets");
            } catch (ApiException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
            } catch (TimeoutException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
            Backoff.sleep(config.retryBackoffMs(), deadlineNanos);
        }
        throw new TimeoutException("Fetching committed offsets of group " + config.groupId() + " timed out"
                + (last == null ? "" : ": " + last.getMessage()));
    }
}
