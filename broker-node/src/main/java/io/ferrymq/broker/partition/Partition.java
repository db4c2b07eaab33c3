package io.ferrymq.broker.partition;

import io.ferrymq.broker.log.LogAppendInfo;
import io.ferrymq.broker.log.OffsetOutOfRangeException;
import io.ferrymq.broker.log.TimestampAndOffset;
import io.ferrymq.broker.log.ValidatedBatches;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One hosted replica of a partition: its {@link ReplicaLog}, its role (leader or follower of
 * {@link #leaderId()} at {@link #leaderEpoch()}), and its high watermark. As leader it accepts
 * appends, serves reads (consumers below the high watermark, followers to the log end), tracks
 * its followers and proposes ISR changes; as follower it appends what the leader sent and truncates
 * as {@link TruncationPolicy} decides. Every operation carrying an epoch is fenced with
 * {@link LeaderEpochCheck}.
 *
 * <p>Invariants: {@code logStartOffset <= highWatermark <= logEndOffset}; while leading, the high
 * watermark never decreases; an ISR change is used for {@code min.insync.replicas} only after
 * {@link #applyIsr} (i.e. after the conditional ZooKeeper write), but from the moment it is proposed
 * until then the high watermark waits for the {@linkplain IsrPolicy#maximalIsr maximal ISR}, so no
 * replica named in an ISR being written ever has a log ending below the high watermark. Thread-safe: state changes, appends and truncations hold one lock;
 * log reads run outside it; {@link #highWatermark()} is a volatile read.
 */
public final class Partition {

    public static final int NO_LEADER = -1;

    private final TopicPartition topicPartition;
    private final ReplicaLog log;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile PartitionConfig config;
    private volatile IsrPolicy isrPolicy;
    private volatile long highWatermark;
    private volatile int leaderId = NO_LEADER;
    private volatile int leaderEpoch = -1;
    private volatile Optional<LeaderState> leaderState = Optional.empty();

    public Partition(TopicPartition topicPartition, ReplicaLog log, PartitionConfig config,
                     long checkpointedHighWatermark, Clock clock) {
        this.topicPartition = topicPartition;
        this.log = log;
        this.clock = clock;
        updateConfig(config);
        this.highWatermark = clamp(checkpointedHighWatermark);
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /**
     * Uses new settings; a changed replica list (a reassignment) also changes whom a leader tracks
     * as followers and may add to the ISR.
     */
    public void updateConfig(PartitionConfig newConfig) {
        locked(() -> {
            boolean replicasChanged = config != null && !config.replicas().equals(newConfig.replicas());
            this.config = newConfig;
            this.isrPolicy = new IsrPolicy(newConfig.replicaLagTimeMaxMs());
            if (replicasChanged) {
                leaderState.ifPresent(state -> state.updateReplicas(newConfig.replicas(), clock.millis()));
            }
            return null;
        });
    }

    /**
     * Becomes leader at {@code epoch} with the ISR just written to ZooKeeper: records the epoch in
     * the leader-epoch cache at the log end, and resets what it knows of followers. Returns false
     * (and changes nothing) for an epoch older than the current one.
     */
    public boolean makeLeader(int epoch, List<Integer> isr) {
        return locked(() -> {
            if (epoch < leaderEpoch) {
                return false;
            }
            long logEnd = log.logEndOffset();
            if (log.latestEpoch().orElse(-1) < epoch) {
                log.assignEpoch(epoch, logEnd);
            }
            PartitionConfig c = config;
            LeaderState state = new LeaderState(c.localBrokerId(), epoch, logEnd, isr, c.replicas(), clock.millis());
            leaderId = c.localBrokerId();
            leaderEpoch = epoch;
            leaderState = Optional.of(state);
            highWatermark = clamp(highWatermark);
            maybeIncrementHighWatermark(state);
            return true;
        });
    }

    /**
     * Follows {@code newLeaderId} ({@link #NO_LEADER} when unknown) at {@code epoch}; stops serving
     * produce at once. Returns true if the leader or epoch changed (the fetcher must truncate and
     * restart), false if nothing changed or the epoch is stale.
     */
    public boolean makeFollower(int newLeaderId, int epoch) {
        return locked(() -> {
            if (epoch < leaderEpoch) {
                return false;
            }
            boolean changed = leaderState.isPresent() || newLeaderId != leaderId || epoch != leaderEpoch;
            leaderState = Optional.empty();
            leaderId = newLeaderId;
            leaderEpoch = epoch;
            return changed;
        });
    }

    /**
     * Appends a producer's batches as leader. Throws {@code NOT_LEADER_OR_FOLLOWER} when not
     * leading, {@code NOT_ENOUGH_REPLICAS} for acks=all when the ISR is below
     * {@code min.insync.replicas}, or the log's validation error; nothing is appended then. The
     * batches are validated (every record; recompressed for a topic codec) before the partition's
     * lock is taken, so a large or hostile batch never holds up followers' fetches or ISR changes.
     */
    public LeaderAppend appendAsLeader(ByteBuffer batches, short acks) {
        requireLeader();
        ValidatedBatches validated = log.validateAsLeader(batches, config.compression());
        return locked(() -> {
            LeaderState state = requireLeader();
            if (state.isResigning()) {
                throw ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("the leader of " + topicPartition
                        + " on broker " + config.localBrokerId() + " is handing over leadership (shutting down)");
            }
            int minIsr = config.minInsyncReplicas();
            if (acks == -1 && state.isr().size() < minIsr) {
                throw ErrorCode.NOT_ENOUGH_REPLICAS.exception("the ISR " + state.isr() + " of " + topicPartition
                        + " has " + state.isr().size() + " member(s), below min.insync.replicas=" + minIsr);
            }
            LogAppendInfo info = log.appendAsLeader(validated, state.epoch());
            boolean moved = maybeIncrementHighWatermark(state);
            return new LeaderAppend(info, state.epoch(), log.logStartOffset(), moved);
        });
    }

    /**
     * Whether an acks=all append made at {@code appendEpoch} is committed: empty while waiting;
     * {@code NONE} once the high watermark reached {@code requiredOffset} with enough in-sync
     * replicas; {@code NOT_ENOUGH_REPLICAS_AFTER_APPEND} if it was reached with fewer;
     * {@code NOT_LEADER_OR_FOLLOWER} if leadership or the epoch changed meanwhile.
     */
    public Optional<ErrorCode> checkEnoughReplicasReachOffset(long requiredOffset, int appendEpoch) {
        return locked(() -> {
            Optional<LeaderState> state = leaderState;
            if (state.isEmpty() || state.get().epoch() != appendEpoch) {
                return Optional.of(ErrorCode.NOT_LEADER_OR_FOLLOWER);
            }
            if (highWatermark < requiredOffset) {
                return Optional.empty();
            }
            return Optional.of(state.get().isr().size() >= config.minInsyncReplicas()
                    ? ErrorCode.NONE : ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
        });
    }

    /**
     * Reads as leader for a consumer (below the high watermark) or a follower (to the log end).
     * Throws {@code NOT_LEADER_OR_FOLLOWER}, {@code FENCED_LEADER_EPOCH}/{@code UNKNOWN_LEADER_EPOCH}
     * or {@code OFFSET_OUT_OF_RANGE}.
     */
    public ReadResult read(long fetchOffset, int currentLeaderEpoch, int maxBytes, boolean fromFollower,
                           boolean minOneBatch) {
        LeaderState state = requireLeader(currentLeaderEpoch);
        long hw = highWatermark;
        long logEnd = log.logEndOffset();
        long logStart = log.logStartOffset();
        if (fetchOffset < logStart || fetchOffset > logEnd) {
            throw ErrorCode.OFFSET_OUT_OF_RANGE.exception("fetch offset " + fetchOffset + " of " + topicPartition
                    + " is outside [" + logStart + ", " + logEnd + "]");
        }
        long end = fromFollower ? logEnd : hw;
        if (fetchOffset >= end) {
            return new ReadResult(RecordSource.EMPTY, hw, logStart, state.epoch());
        }
        return new ReadResult(log.read(fetchOffset, maxBytes, end, minOneBatch), hw, logStart, state.epoch());
    }

    /** A fetch without an earlier unnamed one: {@link #updateFollowerFetchState(int, long, int, long)}. */
    public static final long NO_UNNAMED_FETCH = -1L;

    /** Records a follower's fetch that named this partition, with no unnamed fetch before it. */
    public FollowerFetchUpdate updateFollowerFetchState(int followerId, long fetchOffset, int currentLeaderEpoch) {
        return updateFollowerFetchState(followerId, fetchOffset, currentLeaderEpoch, NO_UNNAMED_FETCH);
    }

    /**
     * Records that follower {@code followerId} has every offset below {@code fetchOffset}; may move
     * the high watermark. {@code lastUnnamedFetchMs} is when the follower last fetched in a fetch session
     * that left this partition out because nothing had changed (its offset and this log's end were those
     * of its last recorded fetch), or {@link #NO_UNNAMED_FETCH}; that fetch counts as made
     * ({@link ReplicaProgress#onUnnamedFetch}). Throws like {@link #read} when the fetch is not valid here.
     */
    public FollowerFetchUpdate updateFollowerFetchState(int followerId, long fetchOffset, int currentLeaderEpoch,
                                                        long lastUnnamedFetchMs) {
        return locked(() -> {
            LeaderState state = requireLeader(currentLeaderEpoch);
            long logEnd = log.logEndOffset();
            if (state.follower(followerId).isEmpty()) {
                throw ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("broker " + followerId
                        + " is not a replica of " + topicPartition + " (replicas " + config.replicas() + ")");
            }
            if (fetchOffset > logEnd) {
                throw ErrorCode.OFFSET_OUT_OF_RANGE.exception("follower " + followerId + " fetches " + topicPartition
                        + " at " + fetchOffset + ", past the leader's log end " + logEnd);
            }
            state.recordFetch(followerId, fetchOffset, logEnd, clock.millis(), lastUnnamedFetchMs);
            boolean moved = maybeIncrementHighWatermark(state);
            ReplicaProgress progress = state.follower(followerId).orElseThrow();
            // Liveness is checked when the expansion is proposed with the registry's view.
            boolean mayExpand = isrPolicy.mayJoinIsr(progress, state.maximalIsr(), highWatermark, state.epochStartOffset(),
                    Set.of(followerId));
            return new FollowerFetchUpdate(moved, mayExpand);
        });
    }

    /**
     * The ISR members to drop now (lagging or unregistered), as a change to write; empty if none or
     * while another change is pending. The change stays pending until {@link #applyIsr}.
     */
    public Optional<IsrChange> proposeIsrShrink(Set<Integer> liveBrokers) {
        return locked(() -> {
            return leaderState.flatMap(state -> state.proposeShrink(isrPolicy, log.logEndOffset(), liveBrokers,
                    clock.millis()));
        });
    }

    /**
     * The followers that may join the ISR now, as a change to write; empty if none or while another
     * change is pending. From now until {@link #applyIsr} the high watermark waits for them too.
     */
    public Optional<IsrChange> proposeIsrExpand(Set<Integer> liveBrokers) {
        return locked(() -> {
            return leaderState.flatMap(state -> state.proposeExpand(isrPolicy, highWatermark, liveBrokers));
        });
    }

    /** The ISR change proposed and not yet applied (its write is in flight or must be retried). */
    public Optional<IsrChange> pendingIsrChange() {
        return locked(() -> {
            return leaderState.flatMap(LeaderState::pendingIsrChange);
        });
    }

    /**
     * Uses the ISR that ZooKeeper holds at {@code epoch} (the one written, or the one found when the
     * write lost a race); this resolves the pending change. Returns true if the high watermark
     * moved; ignored (false) when no longer leading at that epoch.
     */
    public boolean applyIsr(int epoch, List<Integer> newIsr) {
        return locked(() -> {
            Optional<LeaderState> state = leaderState.filter(s -> s.epoch() == epoch);
            if (state.isEmpty()) {
                return false;
            }
            state.get().commitIsr(newIsr);
            return maybeIncrementHighWatermark(state.get());
        });
    }

    /**
     * Appends batches fetched from the leader at {@code fetchOffset} in {@code epoch} and adopts the
     * leader's high watermark (capped at the local log end). Returns empty, appending nothing, when
     * this replica no longer follows at that epoch or its log end moved (a stale response).
     */
    public Optional<LogAppendInfo> appendAsFollower(ByteBuffer batches, long fetchOffset, int epoch,
                                                 long leaderHighWatermark) {
        return locked(() -> {
            if (!isFollowingAt(epoch) || log.logEndOffset() != fetchOffset) {
                return Optional.empty();
            }
            LogAppendInfo info = batches.hasRemaining()
                    ? log.appendAsFollower(batches)
                    : LogAppendInfo.nothingAppended(fetchOffset, log.logStartOffset());
            highWatermark = clamp(leaderHighWatermark);
            return Optional.of(info);
        });
    }

    /** The latest epoch in the local leader-epoch cache, sent to the leader in OffsetsForLeaderEpoch. */
    public OptionalInt latestLocalEpoch() {
        return log.latestEpoch();
    }

    /** One truncation step against the leader's answer for {@link #latestLocalEpoch()}. */
    public TruncationDecision decideTruncation(EpochEndOffset leaderAnswer) {
        return TruncationPolicy.decide(leaderAnswer, log::endOffsetFor, log.logEndOffset(), highWatermark);
    }

    /** Truncates to {@code offset} while following at {@code epoch}; false (nothing done) otherwise. */
    public boolean truncateTo(long offset, int epoch) {
        return locked(() -> {
            if (!isFollowingAt(epoch)) {
                return false;
            }
            if (offset < log.logEndOffset()) {
                log.truncateTo(offset);
            }
            highWatermark = clamp(highWatermark);
            return true;
        });
    }

    /** Empties the log and restarts it at {@code offset} (the leader's log start is past our end). */
    public boolean truncateFullyAndStartAt(long offset, int epoch) {
        return locked(() -> {
            if (!isFollowingAt(epoch)) {
                return false;
            }
            log.truncateFullyAndStartAt(offset);
            highWatermark = offset;
            return true;
        });
    }

    /** OffsetsForLeaderEpoch, answered by the leader only. */
    public EpochEndOffset lastOffsetForLeaderEpoch(int currentLeaderEpoch, int requestedEpoch) {
        requireLeader(currentLeaderEpoch);
        return log.endOffsetFor(requestedEpoch).orElse(EpochEndOffset.UNDEFINED);
    }

    /**
     * Kafka's divergence check of a fetch (Fetch v12): the largest epoch this leader has at or below
     * the fetcher's {@code lastFetchedEpoch} and its end offset, when the fetcher's log cannot be a
     * prefix of this one (that epoch is older, or ends before {@code fetchOffset}); empty when it can.
     *
     * @throws OffsetOutOfRangeException when this log knows no such epoch, or {@code fetchOffset} is
     *         below the log start (as Kafka answers both)
     */
    public Optional<EpochEndOffset> divergence(long fetchOffset, int currentLeaderEpoch, int lastFetchedEpoch) {
        EpochEndOffset end = lastOffsetForLeaderEpoch(currentLeaderEpoch, lastFetchedEpoch);
        if (end.isUndefined()) {
            throw new OffsetOutOfRangeException("no end offset for the last fetched epoch " + lastFetchedEpoch
                    + " of " + topicPartition);
        }
        if (fetchOffset < log.logStartOffset()) {
            throw new OffsetOutOfRangeException("fetch offset " + fetchOffset + " of " + topicPartition
                    + " is below the log start " + log.logStartOffset());
        }
        boolean diverges = end.leaderEpoch() < lastFetchedEpoch || end.endOffset() < fetchOffset;
        return diverges ? Optional.of(end) : Optional.empty();
    }

    /**
     * ListOffsets as leader: {@code -2} the log start, {@code -1} the high watermark, {@code -3} the
     * first record with the largest timestamp, otherwise the first record at or after
     * {@code timestamp}; a record found is answered only when committed (empty otherwise, as when none is found).
     */
    public Optional<TimestampAndOffset> listOffset(long timestamp, int currentLeaderEpoch) {
        LeaderState state = requireLeader(currentLeaderEpoch);
        if (timestamp == -2L) {
            return Optional.of(new TimestampAndOffset(-1L, log.logStartOffset(), state.epoch()));
        }
        long hw = highWatermark;
        if (timestamp == -1L) {
            return Optional.of(new TimestampAndOffset(-1L, hw, state.epoch()));
        }
        Optional<TimestampAndOffset> found = timestamp == -3L
                ? log.maxTimestampRecord() : log.offsetForTimestamp(timestamp);
        return found.filter(record -> record.offset() < hw);
    }

    public boolean isLeader() {
        return leaderState.isPresent();
    }

    public int leaderId() {
        return leaderId;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    /**
     * This replica's {@link LogChecksum} up to {@code upToOffset}, or up to its own high watermark when
     * {@code upToOffset} is negative; {@code upToOffset} must not exceed the log end offset.
     */
    public LogChecksum checksum(long upToOffset) {
        return LogChecksum.compute(log, upToOffset < 0 ? highWatermark : upToOffset);
    }

    public PartitionConfig config() {
        return config;
    }

    /** The ISR as this leader last applied it; empty when not leading. */
    public List<Integer> isr() {
        return locked(() -> {
            return leaderState.map(LeaderState::isrList).orElse(List.of());
        });
    }

    /** Leading with fewer in-sync replicas than assigned. */
    public boolean isUnderReplicated() {
        return isLeader() && isr().size() < config.replicas().size();
    }

    /** Leading with fewer in-sync replicas than {@code min.insync.replicas}. */
    public boolean isUnderMinIsr() {
        return isLeader() && isr().size() < config.minInsyncReplicas();
    }

    /**
     * Controlled shutdown: keeps leading (followers still fetch, pending acks=all still complete) but
     * refuses new appends with the retriable {@code NOT_LEADER_OR_FOLLOWER}.
     */
    public void beginResign() {
        locked(() -> {
            leaderState.ifPresent(LeaderState::beginResign);
            return null;
        });
    }

    /** Everything in the log is committed (high watermark at the log end). */
    public boolean isFullyCommitted() {
        return highWatermark >= log.logEndOffset();
    }

    /**
     * Leading, and each of {@code replicas} (e.g. the ISR ZooKeeper holds) has the whole log, so any
     * of them is a safe successor for controlled shutdown.
     */
    public boolean hasReplicatedTo(Collection<Integer> replicas) {
        return locked(() -> {
            return leaderState.map(s -> s.haveReplicated(replicas, log.logEndOffset())).orElse(false);
        });
    }

    private boolean isFollowingAt(int epoch) {
        return leaderState.isEmpty() && leaderEpoch == epoch;
    }

    private boolean maybeIncrementHighWatermark(LeaderState state) {
        long next = state.highWatermark(highWatermark, log.logEndOffset());
        if (next == highWatermark) {
            return false;
        }
        highWatermark = next;
        return true;
    }

    private LeaderState requireLeader() {
        return leaderState.orElseThrow(() -> ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("broker "
                + config.localBrokerId() + " is not the leader of " + topicPartition + " (leader "
                + leaderId + ", epoch " + leaderEpoch + ")"));
    }

    private LeaderState requireLeader(int currentLeaderEpoch) {
        ErrorCode fencing = LeaderEpochCheck.check(currentLeaderEpoch, leaderEpoch);
        if (fencing != ErrorCode.NONE) {
            throw fencing.exception(topicPartition + " is at leader epoch " + leaderEpoch + ", request has "
                    + currentLeaderEpoch);
        }
        LeaderState state = requireLeader();
        if (currentLeaderEpoch != LeaderEpochCheck.NO_EPOCH && state.epoch() != currentLeaderEpoch) {
            throw ErrorCode.NOT_LEADER_OR_FOLLOWER.exception(topicPartition + " changed epoch during the request");
        }
        return state;
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private long clamp(long offset) {
        return Math.max(log.logStartOffset(), Math.min(offset, log.logEndOffset()));
    }
}
