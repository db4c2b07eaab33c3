package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import java.util.List;

/**
 * Leader election for one replica of one partition hosted by this broker (DESIGN.md, "Leader
 * election, epochs and fencing"). Results reach the broker through its {@link LeadershipListener}.
 *
 * <p>Thread-safe: methods may be called from any thread; the work runs on the broker's ordered
 * election thread.
 */
public interface LeaderElector extends AutoCloseable {

    TopicPartition partition();

    /** The assigned replicas, preferred leader first. */
    List<Integer> replicas();

    /** Whether this replica currently leads (after onBecomeLeader and before the next onBecomeFollower). */
    boolean isLeader();

    /** The epoch this replica last led or followed with; -1 before any. */
    int leaderEpoch();

    /**
     * Controlled shutdown: steps down if leading and leaves the latch for good, so another ISR
     * member takes over. Returns once done (bounded wait).
     */
    void resign();

    /** Leaves the latch and stops watching; no callbacks follow. Idempotent. */
    @Override
    void close();
}
