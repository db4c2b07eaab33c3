package io.ferrymq.broker.group;

import static io.ferrymq.broker.group.GroupState.COMPLETING_REBALANCE;
import static io.ferrymq.broker.group.GroupState.DEAD;
import static io.ferrymq.broker.group.GroupState.EMPTY;
import static io.ferrymq.broker.group.GroupState.PREPARING_REBALANCE;
import static io.ferrymq.broker.group.GroupState.STABLE;

import io.ferrymq.broker.group.GenerationListener.Generation;
import io.ferrymq.common.errors.ErrorCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The membership state machine of one consumer group on its coordinator (Kafka's classic
 * protocol): see {@link GroupState} for the states. A first JoinGroup without a member id gets
 * MEMBER_ID_REQUIRED and a new id (KIP-394), unless it is a JoinGroup v0-3 of Kafka's, which joins at
 * once with a new id; joins, leaves, expired sessions ({@code session.timeout.ms}
 * without a heartbeat) and members missing the join deadline ({@code max.poll.interval.ms}, sent
 * as the rebalance timeout) start a rebalance. JoinGroup and SyncGroup responses are futures
 * completed when the join phase ends, or the leader's assignment arrives. Members of another
 * generation are fenced with ILLEGAL_GENERATION, unknown ones with UNKNOWN_MEMBER_ID.
 *
 * <p>Pure: no I/O and no threads; time comes from the injected {@link Clock} and deadlines are
 * acted on in {@link #tick()}. Thread-safe: every public method holds this object's lock.
 * Futures are completed under the lock, so their callbacks must only hand the result off.
 */
public final class Group {

    private static final Logger log = LoggerFactory.getLogger(Group.class);

    private final String groupId;
    private final GroupConfig config;
    private final Clock clock;
    private final GenerationListener listener;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Long> pendingMembers = new HashMap<>();
    private final GroupSnapshots snapshots = new GroupSnapshots();
    private GroupState state = EMPTY;
    private int generationId;
    private String protocolType = "";
    private String protocol = "";
    private String leaderId = "";
    private long phaseDeadlineMs;
    private long initialDelayCapMs;
    private boolean initialDelay;
    private boolean membershipChanged;
    private long emptySinceMs;

    public Group(String groupId, int generationId, GroupConfig config, Clock clock, GenerationListener listener) {
        this.groupId = groupId;
        this.generationId = generationId;
        this.config = config;
        this.clock = clock;
        this.listener = listener;
    }

    public String groupId() {
        return groupId;
    }

    public synchronized GroupState state() {
        return state;
    }

    public synchronized int generationId() {
        return generationId;
    }

    public synchronized boolean hasMembers() {
        return !members.isEmpty();
    }

    /**
     * When the group last became empty while coordinated here; 0 when it has been empty since it
     * was loaded (or never had members), so offset expiry counts from the commits alone.
     */
    public synchronized long emptySinceMs() {
        return emptySinceMs;
    }

    public synchronized CompletableFuture<JoinResult> join(JoinRequest request) {
        long now = clock.millis();
        ErrorCode invalid = validateJoin(request);
        if (invalid != ErrorCode.NONE) {
            return CompletableFuture.completedFuture(JoinResult.error(invalid, request.memberId()));
        }
        if (request.memberId().isEmpty()) {
            String memberId = request.clientId() + "-" + UUID.randomUUID();
            if (!request.requireKnownMemberId()) {
                return addMember(request.withMemberId(memberId), now);
            }
            pendingMembers.put(memberId, now + request.sessionTimeoutMs());
            return CompletableFuture.completedFuture(JoinResult.error(ErrorCode.MEMBER_ID_REQUIRED, memberId));
        }
        if (pendingMembers.remove(request.memberId()) != null) {
            return addMember(request, now);
        }
        Member member = members.get(request.memberId());
        if (member == null) {
            return CompletableFuture.completedFuture(JoinResult.error(ErrorCode.UNKNOWN_MEMBER_ID, request.memberId()));
        }
        return rejoin(member, request, now);
    }

    private ErrorCode validateJoin(JoinRequest request) {
        if (state == DEAD) {
            return ErrorCode.NOT_COORDINATOR;
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return ErrorCode.INVALID_SESSION_TIMEOUT;
        }
        if (request.protocolType().isEmpty() || request.protocols().isEmpty()) {
            return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        return GroupProtocols.isCompatible(request, members.values(), protocolType) ? ErrorCode.NONE
                : ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
    }

    private CompletableFuture<JoinResult> addMember(JoinRequest request, long now) {
        Member member = new Member(request.memberId(), request, now);
        CompletableFuture<JoinResult> response = new CompletableFuture<>();
        member.awaitingJoin = Optional.of(response);
        members.put(member.memberId, member);
        if (members.size() == 1) {
            protocolType = request.protocolType();
        }
        if (leaderId.isEmpty()) {
            leaderId = member.memberId;
        }
        if (state == PREPARING_REBALANCE && initialDelay) {
            phaseDeadlineMs = Math.min(now + config.initialRebalanceDelayMs(), initialDelayCapMs);
        }
        prepareRebalance("member " + member.memberId + " joined", now);
        return response;
    }

    private CompletableFuture<JoinResult> rejoin(Member member, JoinRequest request, long now) {
        boolean unchanged = member.hasSameProtocols(request);
        if (state == COMPLETING_REBALANCE && unchanged
                || state == STABLE && unchanged && !member.memberId.equals(leaderId)) {
            member.lastHeartbeatMs = now;
            return CompletableFuture.completedFuture(joinResult(member));
        }
        member.update(request, now);
        CompletableFuture<JoinResult> response = new CompletableFuture<>();
        member.awaitingJoin.ifPresent(previous -> previous.complete(
                JoinResult.error(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId)));
        member.awaitingJoin = Optional.of(response);
        prepareRebalance("member " + member.memberId + " rejoined", now);
        return response;
    }

    public synchronized CompletableFuture<SyncResult> sync(String memberId, int generation, Map<String, byte[]> assignments) {
        ErrorCode error = validateMember(memberId, generation);
        if (error != ErrorCode.NONE) {
            return CompletableFuture.completedFuture(SyncResult.error(error));
        }
        Member member = members.get(memberId);
        member.lastHeartbeatMs = clock.millis();
        if (state == PREPARING_REBALANCE) {
            return CompletableFuture.completedFuture(SyncResult.error(ErrorCode.REBALANCE_IN_PROGRESS));
        }
        if (state == STABLE) {
            return CompletableFuture.completedFuture(new SyncResult(ErrorCode.NONE, member.assignment));
        }
        CompletableFuture<SyncResult> response = new CompletableFuture<>();
        member.awaitingSync = Optional.of(response);
        if (memberId.equals(leaderId)) {
            members.values().forEach(m -> m.assignment = assignments.getOrDefault(m.memberId, new byte[0]));
            state = STABLE;
            log.info("Group {} generation {} is stable with {} members", groupId, generationId, members.size());
            for (Member m : members.values()) {
                m.awaitingSync.ifPresent(f -> f.complete(new SyncResult(ErrorCode.NONE, m.assignment)));
                m.awaitingSync = Optional.empty();
            }
        }
        return response;
    }

    public synchronized ErrorCode heartbeat(String memberId, int generation) {
        ErrorCode error = validateMember(memberId, generation);
        if (error != ErrorCode.NONE) {
            return error;
        }
        members.get(memberId).lastHeartbeatMs = clock.millis();
        return state == PREPARING_REBALANCE ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
    }

    public synchronized ErrorCode leave(String memberId) {
        if (state == DEAD) {
            return ErrorCode.NOT_COORDINATOR;
        }
        if (pendingMembers.remove(memberId) != null) {
            maybeCompleteJoin(clock.millis());
            return ErrorCode.NONE;
        }
        Member member = members.get(memberId);
        if (member == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        removeMember(member, "left the group", clock.millis());
        return ErrorCode.NONE;
    }

    /**
     * Whether an offset commit from this member and generation is allowed now. A commit with
     * generation -1 and no member id (tools, simple consumers) is allowed only without members.
     */
    public synchronized ErrorCode validateCommit(String memberId, int generation) {
        if (state == DEAD) {
            return ErrorCode.NOT_COORDINATOR;
        }
        if (generation < 0 && memberId.isEmpty()) {
            return members.isEmpty() ? ErrorCode.NONE : ErrorCode.NON_EMPTY_GROUP;
        }
        ErrorCode error = validateMember(memberId, generation);
        if (error != ErrorCode.NONE) {
            return error;
        }
        members.get(memberId).lastHeartbeatMs = clock.millis();
        return state == COMPLETING_REBALANCE ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
    }

    private ErrorCode validateMember(String memberId, int generation) {
        if (state == DEAD) {
            return ErrorCode.NOT_COORDINATOR;
        }
        if (!members.containsKey(memberId)) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        return generation == generationId ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
    }

    /** Starts a rebalance if a member subscribes to one of {@code topics} (their partition counts changed). */
    public synchronized void onPartitionsChanged(Set<String> topics) {
        if (state != STABLE && state != COMPLETING_REBALANCE) {
            return;
        }
        boolean affected = members.values().stream().anyMatch(m ->
                m.subscribedTopics(protocolType, protocol).stream().anyMatch(topics::contains));
        if (affected) {
            prepareRebalance("partitions of subscribed topics " + topics + " changed", clock.millis());
        }
    }

    /** The topics members subscribe to in the current generation's protocol. */
    public synchronized Set<String> subscribedTopics() {
        Set<String> topics = new TreeSet<>();
        members.values().forEach(m -> topics.addAll(m.subscribedTopics(protocolType, protocol)));
        return topics;
    }

    /** Acts on deadlines: pending members that never joined, expired sessions, the join and sync deadlines. */
    public synchronized void tick() {
        long now = clock.millis();
        pendingMembers.values().removeIf(deadline -> deadline <= now);
        List<Member> expired = members.values().stream().filter(m -> m.isSessionExpired(now)).toList();
        expired.forEach(m -> dropMember(m, "session timed out after " + m.sessionTimeoutMs + " ms"));
        if (state == COMPLETING_REBALANCE && now >= phaseDeadlineMs) {
            members.values().stream().filter(m -> m.awaitingSync.isEmpty()).toList()
                    .forEach(m -> dropMember(m, "did not sync within the rebalance timeout"));
        }
        afterMembersLeft(expired.size() + " session(s) expired or sync missed", now);
    }

    /** Unloads the group (coordinator moved or group deleted): pending responses get NOT_COORDINATOR. */
    public synchronized void markDead() {
        state = DEAD;
        for (Member member : members.values()) {
            member.awaitingJoin.ifPresent(f -> f.complete(JoinResult.error(ErrorCode.NOT_COORDINATOR, member.memberId)));
            member.awaitingSync.ifPresent(f -> f.complete(SyncResult.error(ErrorCode.NOT_COORDINATOR)));
        }
        members.clear();
        pendingMembers.clear();
    }

    public synchronized GroupDescription describe() {
        return snapshots.describe(groupId, state, generationId, protocolType, protocol, leaderId, members.values());
    }

    private void removeMember(Member member, String reason, long now) {
        dropMember(member, reason);
        afterMembersLeft("member " + member.memberId + " " + reason, now);
    }

    /** Removes a member without changing state; callers then call {@link #afterMembersLeft}. */
    private void dropMember(Member member, String reason) {
        members.remove(member.memberId);
        log.info("Member {} of group {} removed: {}", member.memberId, groupId, reason);
        member.awaitingJoin.ifPresent(f -> f.complete(JoinResult.error(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId)));
        member.awaitingSync.ifPresent(f -> f.complete(SyncResult.error(ErrorCode.UNKNOWN_MEMBER_ID)));
        if (member.memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? "" : members.keySet().iterator().next();
        }
        membershipChanged = true;
    }

    private void afterMembersLeft(String reason, long now) {
        if (membershipChanged && (state == STABLE || state == COMPLETING_REBALANCE)) {
            prepareRebalance(reason, now);
        }
        membershipChanged = false;
        maybeCompleteJoin(now);
    }

    private void prepareRebalance(String reason, long now) {
        if (state == COMPLETING_REBALANCE) {
            for (Member member : members.values()) {
                member.assignment = new byte[0];
                member.awaitingSync.ifPresent(f -> f.complete(SyncResult.error(ErrorCode.REBALANCE_IN_PROGRESS)));
                member.awaitingSync = Optional.empty();
            }
        }
        if (state != PREPARING_REBALANCE) {
            int timeout = maxRebalanceTimeoutMs();
            initialDelay = state == EMPTY && config.initialRebalanceDelayMs() > 0;
            initialDelayCapMs = now + timeout;
            phaseDeadlineMs = initialDelay ? Math.min(now + config.initialRebalanceDelayMs(), initialDelayCapMs)
                    : now + timeout;
            log.info("Group {} preparing rebalance of generation {}: {}", groupId, generationId, reason);
            state = PREPARING_REBALANCE;
        }
        maybeCompleteJoin(now);
    }

    private void maybeCompleteJoin(long now) {
        if (state != PREPARING_REBALANCE) {
            return;
        }
        boolean allJoined = pendingMembers.isEmpty() && members.values().stream().allMatch(m -> m.awaitingJoin.isPresent());
        if (allJoined && !initialDelay || now >= phaseDeadlineMs) {
            completeJoin(now);
        }
    }

    private void completeJoin(long now) {
        for (Member member : new ArrayList<>(members.values())) {
            if (member.awaitingJoin.isEmpty()) {
                members.remove(member.memberId);
                log.info("Member {} of group {} removed: did not rejoin within the rebalance timeout", member.memberId, groupId);
            }
        }
        generationId++;
        initialDelay = false;
        if (members.isEmpty()) {
            state = EMPTY;
            emptySinceMs = now;
            protocol = "";
            leaderId = "";
        } else {
            protocol = GroupProtocols.select(members.values());
            if (!members.containsKey(leaderId)) {
                leaderId = members.keySet().iterator().next();
            }
            state = COMPLETING_REBALANCE;
            phaseDeadlineMs = now + maxRebalanceTimeoutMs();
        }
        log.info("Group {} generation {}: {} members, protocol '{}', leader '{}'", groupId, generationId,
                members.size(), protocol, leaderId);
        listener.onNewGeneration(groupId, new Generation(generationId, protocolType, protocol, leaderId,
                List.copyOf(members.keySet())));
        for (Member member : members.values()) {
            member.lastHeartbeatMs = now;
            CompletableFuture<JoinResult> response = member.awaitingJoin.orElseThrow();
            member.awaitingJoin = Optional.empty();
            response.complete(joinResult(member));
        }
    }

    private JoinResult joinResult(Member member) {
        return snapshots.joinResult(member, members.values(), generationId, protocol, leaderId);
    }

    private int maxRebalanceTimeoutMs() {
        return members.values().stream().mapToInt(m -> m.rebalanceTimeoutMs).max().orElse(0);
    }
}
