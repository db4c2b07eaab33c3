package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.client.common.errors.InterruptException;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.SyncGroupRequest;
import io.ferrymq.common.protocol.responses.JoinGroupResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.SyncGroupResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebalance as seen by a member: JoinGroup (rejoining at once after MEMBER_ID_REQUIRED), then,
 * as leader, fetch partition counts and run the chosen assignor, then SyncGroup. Retries after
 * REBALANCE_IN_PROGRESS, fencing (fresh member id) and coordinator moves, until the deadline.
 *
 * <p>Used by the poll thread only; not thread-safe.
 */
final class GroupJoiner {

    private static final Logger log = LoggerFactory.getLogger(GroupJoiner.class);

    private final GroupMemberConfig config;
    private final CoordinatorConnection coordinator;
    private final MemberState state;

    GroupJoiner(GroupMemberConfig config, CoordinatorConnection coordinator, MemberState state) {
        this.config = config;
        this.coordinator = coordinator;
        this.state = state;
    }

    /** Joins and syncs; the assignment, or empty when the deadline passed first. */
    Optional<Assignment> joinAndSync(Subscription subscription, long deadlineNanos) {
        state.joining();
        while (System.nanoTime() < deadlineNanos) {
            try {
                Optional<Assignment> assignment = attempt(subscription, deadlineNanos);
                if (assignment.isPresent()) {
                    state.stable();
                    return assignment;
                }
            } catch (TimeoutException | InterruptException e) {
                throw e;
            } catch (ApiException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                retryLater("join failed: " + e.getMessage(), deadlineNanos);
            } catch (RuntimeException e) {
                retryLater("join failed: " + e, deadlineNanos);
            }
        }
        return Optional.empty();
    }

    private Optional<Assignment> attempt(Subscription subscription, long deadlineNanos) {
        byte[] metadata = ConsumerProtocol.encodeSubscription(subscription);
        List<JoinGroupRequest.Protocol> protocols = config.assignors().stream()
                .map(a -> new JoinGroupRequest.Protocol(a.name(), metadata)).toList();
        JoinGroupRequest join = new JoinGroupRequest(config.groupId(), config.sessionTimeoutMs(),
                config.rebalanceTimeoutMs(), state.memberId(), ConsumerProtocol.PROTOCOL_TYPE, protocols);
        JoinGroupResponse joined = coordinator.send(join, JoinGroupResponse.class, deadlineNanos,
                (long) config.rebalanceTimeoutMs() + config.requestTimeoutMs());
        if (joined.error() != ErrorCode.NONE) {
            onJoinError(joined, deadlineNanos);
            return Optional.empty();
        }
        state.joined(joined.memberId(), joined.generationId());
        List<SyncGroupRequest.Assignment> assignments = joined.isLeader()
                ? assign(joined, deadlineNanos) : List.of();
        SyncGroupRequest sync = new SyncGroupRequest(config.groupId(), joined.generationId(), joined.memberId(),
                ConsumerProtocol.PROTOCOL_TYPE, joined.protocolName(), assignments);
        SyncGroupResponse synced = coordinator.send(sync, SyncGroupResponse.class, deadlineNanos,
                (long) config.rebalanceTimeoutMs() + config.requestTimeoutMs());
        if (synced.error() != ErrorCode.NONE) {
            onCommonError(synced.error(), "SyncGroup", deadlineNanos);
            return Optional.empty();
        }
        Assignment assignment = ConsumerProtocol.decodeAssignment(synced.assignment());
        log.info("Group {}: member {} joined generation {} with {} partitions: {}", config.groupId(),
                joined.memberId(), joined.generationId(), assignment.partitions().size(), assignment.partitions());
        return Optional.of(assignment);
    }

    private void onJoinError(JoinGroupResponse joined, long deadlineNanos) {
        if (joined.error() == ErrorCode.MEMBER_ID_REQUIRED) {
            state.memberIdAssigned(joined.memberId());
            return;
        }
        onCommonError(joined.error(), "JoinGroup", deadlineNanos);
    }

    private void onCommonError(ErrorCode error, String api, long deadlineNanos) {
        switch (error) {
            case REBALANCE_IN_PROGRESS -> log.debug("Group {}: {} hit a new rebalance; rejoining", config.groupId(), api);
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                state.reset(api + " answered " + error);
                state.joining();
            }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS -> {
                coordinator.markUnknown(api + " answered " + error);
                retryLater(api + " answered " + error, deadlineNanos);
            }
            default -> {
                if (!error.isRetriable()) {
                    throw error.exception(api + " for group " + config.groupId() + " failed");
                }
                retryLater(api + " answered " + error, deadlineNanos);
            }
        }
    }

    private List<SyncGroupRequest.Assignment> assign(JoinGroupResponse joined, long deadlineNanos) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        List<String> topics = new ArrayList<>();
        for (JoinGroupResponse.Member member : joined.members()) {
            Subscription subscription = ConsumerProtocol.decodeSubscription(member.metadata());
            subscriptions.put(member.memberId(), subscription);
            subscription.topics().stream().filter(t -> !topics.contains(t)).forEach(topics::add);
        }
        Map<String, Integer> partitionCounts = partitionCounts(topics, deadlineNanos);
        PartitionAssignor assignor = config.assignors().stream().filter(a -> a.name().equals(joined.protocolName()))
                .findFirst().orElseThrow(() -> new IllegalStateException("coordinator chose unknown assignor "
                        + joined.protocolName()));
        List<SyncGroupRequest.Assignment> result = new ArrayList<>();
        assignor.assign(partitionCounts, subscriptions).forEach((member, assignment) ->
                result.add(new SyncGroupRequest.Assignment(member, ConsumerProtocol.encodeAssignment(assignment))));
        log.info("Group {}: leader {} assigned {} partitions of {} with {}", config.groupId(), joined.memberId(),
                partitionCounts.values().stream().mapToInt(Integer::intValue).sum(), partitionCounts.keySet(), assignor.name());
        return result;
    }

    private Map<String, Integer> partitionCounts(List<String> topics, long deadlineNanos) {
        MetadataResponse metadata = coordinator.send(MetadataRequest.forTopics(topics, false), MetadataResponse.class,
                deadlineNanos);
        Map<String, Integer> counts = new HashMap<>();
        metadata.topics().stream().filter(t -> t.error() == ErrorCode.NONE && !t.partitions().isEmpty())
                .forEach(t -> counts.put(t.name(), t.partitions().size()));
        return counts;
    }

    private void retryLater(String reason, long deadlineNanos) {
        log.debug("Group {}: {}; retrying after {} ms", config.groupId(), reason, config.retryBackoffMs());
        Backoff.sleep(config.retryBackoffMs(), deadlineNanos);
    }
}
