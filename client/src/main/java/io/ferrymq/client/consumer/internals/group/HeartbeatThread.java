package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.responses.HeartbeatResponse;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named background thread {@code ferry-heartbeat-<client.id>} that keeps a stable member's
 * session alive: one Heartbeat every {@code heartbeat.interval.ms}. REBALANCE_IN_PROGRESS makes the
 * member rejoin on its next poll; UNKNOWN_MEMBER_ID / ILLEGAL_GENERATION reset it (fenced); a
 * coordinator error makes it find the coordinator again. When the application has not polled for
 * {@code max.poll.interval.ms}, the member leaves the group so its partitions move on, as Kafka does.
 *
 * <p>Thread-safe; {@link #close} stops and joins the thread.
 */
final class HeartbeatThread implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatThread.class);

    private final GroupMemberConfig config;
    private final CoordinatorConnection coordinator;
    private final MemberState state;
    private final AtomicLong lastPollNanos = new AtomicLong(System.nanoTime());
    private final Thread thread;
    private volatile boolean running = true;

    HeartbeatThread(GroupMemberConfig config, CoordinatorConnection coordinator, MemberState state) {
        this.config = config;
        this.coordinator = coordinator;
        this.state = state;
        this.thread = new Thread(this::run, "ferry-heartbeat-" + config.clientId());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void polled() {
        lastPollNanos.set(System.nanoTime());
    }

    private void run() {
        while (running) {
            synchronized (this) {
                try {
                    wait(config.heartbeatIntervalMs());
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (running && state.phase() == MemberState.Phase.STABLE) {
                try {
                    beat();
                } catch (RuntimeException e) {
                    coordinator.markUnknown("heartbeat failed: " + e.getMessage());
                }
            }
        }
    }

    private void beat() {
        long sincePollMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPollNanos.get());
        if (sincePollMs > config.rebalanceTimeoutMs()) {
            log.warn("Group {}: no poll for {} ms (> max.poll.interval.ms {}): leaving the group",
                    config.groupId(), sincePollMs, config.rebalanceTimeoutMs());
            leave(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs()));
            return;
        }
        MemberState.Generation generation = state.generation();
        if (generation.generationId() < 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
        HeartbeatResponse response = coordinator.send(new HeartbeatRequest(config.groupId(),
                generation.generationId(), generation.memberId()), HeartbeatResponse.class, deadline);
        switch (response.error()) {
            case NONE -> { }
            case REBALANCE_IN_PROGRESS -> state.requestRejoin("the coordinator started a rebalance");
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> state.reset("heartbeat answered " + response.error());
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> coordinator.markUnknown("heartbeat answered " + response.error());
            default -> log.warn("Group {}: heartbeat answered {}", config.groupId(), response.error());
        }
    }

    /** Sends LeaveGroup for the current member id (best effort) and resets the member. */
    void leave(long deadlineNanos) {
        String memberId = state.memberId();
        if (memberId.isEmpty()) {
            return;
        }
        try {
            LeaveGroupResponse response = coordinator.send(LeaveGroupRequest.of(config.groupId(), memberId),
                    LeaveGroupResponse.class, deadlineNanos);
            if (response.firstError() != ErrorCode.NONE) {
                log.info("Group {}: LeaveGroup of {} answered {}", config.groupId(), memberId, response.firstError());
            }
        } catch (RuntimeException e) {
            log.info("Group {}: LeaveGroup of {} failed: {}", config.groupId(), memberId, e.getMessage());
        }
        state.reset("left the group");
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
