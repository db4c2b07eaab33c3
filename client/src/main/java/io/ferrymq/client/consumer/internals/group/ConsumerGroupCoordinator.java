package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.network.ConnectionPool;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a consumer group, driven by the consumer's poll thread: {@link #subscribe},
 * then each {@link #poll} rejoins when needed (eager protocol: auto-commit, revoke everything, join,
 * sync, seek the new partitions to their committed offsets, then assign), and auto-commits every
 * {@code auto.commit.interval.ms}. A background {@link HeartbeatThread} keeps the session alive.
 * Explicit commits ({@link #commitSync}, {@link #commitAsync}) and {@link #committed} go to the
 * coordinator; {@link #close} commits (when auto-commit is on), revokes and leaves the group at once.
 *
 * <p>Not thread-safe: one consumer thread calls it, like Kafka's consumer. A rebalance blocks
 * {@code poll} until it ends or {@code max.poll.interval.ms + request.timeout.ms} pass.
 */
public final class ConsumerGroupCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupCoordinator.class);

    private final GroupMemberConfig config;
    private final AssignmentTarget target;
    private final Clock clock;
    private final MemberState state;
    private final GroupJoiner joiner;
    private final OffsetClient offsets;
    private final HeartbeatThread heartbeat;
    private final AsyncCommits asyncCommits;
    private List<String> topics = List.of();
    private RebalanceListener listener = RebalanceListener.NONE;
    private Set<TopicPartition> assignment = Set.of();
    private long nextAutoCommitMs;

    public ConsumerGroupCoordinator(GroupMemberConfig config, ConnectionPool pool, AssignmentTarget target, Clock clock) {
        this.config = config;
        this.target = target;
        this.clock = clock;
        this.state = new MemberState(config.groupId());
        CoordinatorConnection coordinator = new CoordinatorConnection(config, pool);
        this.joiner = new GroupJoiner(config, coordinator, state);
        this.offsets = new OffsetClient(config, coordinator, state);
        this.heartbeat = new HeartbeatThread(config, coordinator, state);
        this.asyncCommits = new AsyncCommits(config.clientId(), offsets, config.requestTimeoutMs());
        heartbeat.start();
    }

    /** Subscribes to {@code topics} (replacing any previous subscription); takes effect on the next poll. */
    public void subscribe(Collection<String> newTopics, RebalanceListener newListener) {
        List<String> sorted = List.copyOf(new TreeSet<>(newTopics));
        if (!sorted.equals(topics)) {
            state.requestRejoin("subscription changed to " + sorted);
        }
        topics = sorted;
        listener = newListener;
    }

    public List<String> subscription() {
        return topics;
    }

    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** This member's id: empty before it joined and after it left or was fenced. */
    public String memberId() {
        return state.memberId();
    }

    /** Called at the start of every consumer poll; returns the current assignment. */
    public Set<TopicPartition> poll(Duration timeout) {
        heartbeat.polled();
        asyncCommits.runCallbacks();
        if (topics.isEmpty()) {
            return assignment;
        }
        if (state.needsJoin()) {
            rebalance(timeout);
        } else {
            maybeAutoCommitAsync();
        }
        return assignment;
    }

    private void rebalance(Duration timeout) {
        boolean lost = state.takeLost();
        if (!assignment.isEmpty()) {
            if (lost) {
                listener.onPartitionsLost(assignment);
            } else {
                maybeAutoCommitSync();
                listener.onPartitionsRevoked(assignment);
            }
            assignment = Set.of();
            target.assign(assignment);
        }
        long waitMs = Math.max(timeout.toMillis(), (long) config.rebalanceTimeoutMs() + config.requestTimeoutMs());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        Optional<Assignment> joined = joiner.joinAndSync(new Subscription(topics), deadline);
        if (joined.isEmpty()) {
            return;
        }
        Set<TopicPartition> partitions = new TreeSet<>();
        joined.get().partitions().stream().filter(tp -> topics.contains(tp.topic())).forEach(partitions::add);
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = offsets.fetch(partitions, deadline);
        } catch (RuntimeException e) {
            // Without committed offsets the consumer would apply auto.offset.reset: rejoin instead.
            log.warn("Group {}: could not read committed offsets ({}); rejoining", config.groupId(), e.getMessage());
            state.requestRejoin("committed offsets unavailable");
            return;
        }
        target.assign(partitions);
        committed.forEach((tp, offset) -> target.seek(tp, offset.offset()));
        assignment = Set.copyOf(partitions);
        nextAutoCommitMs = clock.millis() + config.autoCommitIntervalMs();
        listener.onPartitionsAssigned(partitions);
    }

    private void maybeAutoCommitAsync() {
        if (config.enableAutoCommit() && clock.millis() >= nextAutoCommitMs) {
            nextAutoCommitMs = clock.millis() + config.autoCommitIntervalMs();
            commitAsync(consumed(), (committed, failure) -> failure.ifPresent(f ->
                    log.warn("Group {}: auto-commit of {} failed: {}", config.groupId(), committed.keySet(), f.getMessage())));
        }
    }

    private void maybeAutoCommitSync() {
        if (config.enableAutoCommit()) {
            try {
                commitSync(consumed(), Duration.ofMillis(config.requestTimeoutMs()));
            } catch (RuntimeException e) {
                log.warn("Group {}: auto-commit before rebalance failed: {}", config.groupId(), e.getMessage());
            }
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> consumed() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        target.consumedPositions().forEach((tp, position) -> {
            if (assignment.contains(tp)) {
                result.put(tp, new OffsetAndMetadata(position));
            }
        });
        return result;
    }

    /** Commits the consumed positions of the assignment. */
    public void commitSync(Duration timeout) {
        commitSync(consumed(), timeout);
    }

    /**
     * Commits {@code toCommit} as the current generation; throws {@link CommitFailedException} when a
     * subscribed member has none (see {@link #commitGeneration}).
     */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> toCommit, Duration timeout) {
        asyncCommits.awaitPending(timeout);
        if (toCommit.isEmpty()) {
            return;
        }
        offsets.commit(toCommit, commitGeneration(toCommit), System.nanoTime() + timeout.toNanos());
    }

    /**
     * Commits in the background, in order after earlier async commits, as the generation current now;
     * the callback runs in a later poll (with {@link CommitFailedException} when a subscribed member
     * has no generation).
     */
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> toCommit, OffsetCommitCallback callback) {
        Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(toCommit);
        MemberState.Generation generation;
        try {
            generation = copy.isEmpty() ? MemberState.Generation.NONE : commitGeneration(copy);
        } catch (CommitFailedException e) {
            asyncCommits.failed(copy, e, callback);
            return;
        }
        asyncCommits.submit(copy, generation, callback);
    }

    /**
     * The member and generation a commit is sent with, as Kafka's consumer does: a consumer outside
     * group management (no subscription) commits without one (generation -1, accepted only by an
     * empty group); a subscribed member commits with its current generation and is refused while it
     * has none (rebalancing, fenced, or left after {@code max.poll.interval.ms}). Sending such a
     * member's positions generation-less would let them land in a group that merely looks empty —
     * one whose coordinator just moved, before its members rejoined — behind newer commits.
     */
    private MemberState.Generation commitGeneration(Map<TopicPartition, OffsetAndMetadata> toCommit) {
        if (topics.isEmpty()) {
            return MemberState.Generation.NONE;
        }
        MemberState.Generation generation = state.generation();
        if (generation.generationId() < 0) {
            throw new CommitFailedException("Commit of " + toCommit.keySet() + " to group " + config.groupId()
                    + " refused: this member is not in a stable generation (rebalancing, fenced, or it left after"
                    + " max.poll.interval.ms); its partitions may have moved to another member");
        }
        return generation;
    }

    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        return offsets.fetch(partitions, System.nanoTime() + timeout.toNanos());
    }

    /** Leaves the group: revokes the assignment (committing first when auto-commit is on) and sends LeaveGroup. */
    public void unsubscribe() {
        revokeAll();
        topics = List.of();
        heartbeat.leave(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs()));
    }

    private void revokeAll() {
        if (!assignment.isEmpty()) {
            maybeAutoCommitSync();
            listener.onPartitionsRevoked(assignment);
            assignment = Set.of();
            target.assign(assignment);
        }
    }

    @Override
    public void close() {
        try {
            revokeAll();
            asyncCommits.awaitPending(Duration.ofMillis(config.requestTimeoutMs()));
            asyncCommits.runCallbacks();
            heartbeat.leave(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs()));
        } finally {
            heartbeat.close();
            asyncCommits.close();
        }
    }
}
