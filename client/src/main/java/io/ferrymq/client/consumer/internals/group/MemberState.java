package io.ferrymq.client.consumer.internals.group;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's place in its group: member id, generation, phase, and whether it must rejoin.
 * The heartbeat thread requests rejoins and resets; the poll thread joins.
 *
 * <p>Thread-safe: every method is synchronized.
 */
final class MemberState {

    private static final Logger log = LoggerFactory.getLogger(MemberState.class);

    enum Phase { UNJOINED, REBALANCING, STABLE }

    /** The identity a request is sent with. */
    record Generation(String memberId, int generationId) {
        static final Generation NONE = new Generation("", -1);
    }

    private final String groupId;
    private String memberId = "";
    private int generationId = -1;
    private Phase phase = Phase.UNJOINED;
    private boolean rejoinNeeded = true;
    private boolean lost;

    MemberState(String groupId) {
        this.groupId = groupId;
    }

    synchronized String memberId() {
        return memberId;
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized boolean needsJoin() {
        return rejoinNeeded || phase != Phase.STABLE;
    }

    /** The generation to commit with: the current one when stable, else none. */
    synchronized Generation generation() {
        return phase == Phase.STABLE ? new Generation(memberId, generationId) : Generation.NONE;
    }

    synchronized void memberIdAssigned(String id) {
        memberId = id;
    }

    synchronized void joining() {
        phase = Phase.REBALANCING;
        rejoinNeeded = false;
    }

    synchronized void joined(String id, int generation) {
        memberId = id;
        generationId = generation;
    }

    synchronized void stable() {
        phase = Phase.STABLE;
        lost = false;
    }

    synchronized void requestRejoin(String reason) {
        if (!rejoinNeeded) {
            log.info("Group {}: member {} will rejoin: {}", groupId, memberId, reason);
        }
        rejoinNeeded = true;
    }

    /** Forget the member id and generation (fenced, or left); partitions are lost, not revoked. */
    synchronized void reset(String reason) {
        log.info("Group {}: member {} resets its membership: {}", groupId, memberId, reason);
        memberId = "";
        generationId = -1;
        phase = Phase.UNJOINED;
        rejoinNeeded = true;
        lost = true;
    }

    /** Whether the last reset lost the assignment (so the listener gets onPartitionsLost); clears the flag. */
    synchronized boolean takeLost() {
        boolean wasLost = lost;
        lost = false;
        return wasLost;
    }
}
