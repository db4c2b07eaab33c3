package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.internals.group.AssignmentTarget;
import io.ferrymq.client.consumer.internals.group.ConsumerGroupCoordinator;
import io.ferrymq.client.consumer.internals.group.GroupMemberConfig;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import io.ferrymq.client.network.ConnectionPool;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A group member driven like a consumer: one poll thread calling
 * {@link ConsumerGroupCoordinator#poll} in a loop; records its assignment and seeks. Commands run
 * on the poll thread, as the coordinator is single-threaded. {@link #crash} stops it without
 * leaving (network closed, no more polls); {@link #close} leaves the group.
 */
final class TestMember implements AssignmentTarget, RebalanceListener {

    private final String clientId;
    private final OwnershipLog log;
    private final NetworkClient network;
    private final ConnectionPool pool;
    private final ConsumerGroupCoordinator coordinator;
    private final ExecutorService thread;
    private final Map<TopicPartition, Long> seeks = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean running = true;
    private volatile boolean closed;

    private TestMember(GroupMemberConfig config, OwnershipLog log) {
        this.clientId = config.clientId();
        this.log = log;
        this.network = new NetworkClient(NetworkConfig.defaults(clientId));
        this.pool = new ConnectionPool(network);
        this.coordinator = new ConsumerGroupCoordinator(config, pool, this, Clock.systemUTC());
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-member-" + clientId));
    }

    static TestMember start(GroupMemberConfig config, OwnershipLog log) {
        TestMember member = new TestMember(config, log);
        member.coordinator.subscribe(List.of("t"), member);
        member.thread.execute(member::loop);
        return member;
    }

    private void loop() {
        while (running) {
            Runnable command;
            while ((command = commands.poll()) != null) {
                command.run();
            }
            coordinator.poll(Duration.ofMillis(50));
        }
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    Map<TopicPartition, Long> seeks() {
        return Map.copyOf(seeks);
    }

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        onPollThread(() -> coordinator.commitSync(offsets, Duration.ofSeconds(5)));
    }

    /**
     * Commits from the calling thread, for a {@link #stall stalled} member whose poll thread is gone
     * (a late commit of an application that stopped polling).
     */
    void commitSyncAfterStall(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        if (running) {
            throw new IllegalStateException(clientId + " still polls; use commitSync");
        }
        coordinator.commitSync(offsets, timeout);
    }

    /** Whether the member's heartbeat thread has left the group or been fenced (no generation to commit with). */
    boolean hasLeft() {
        return coordinator.memberId().isEmpty();
    }

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> result = new ConcurrentHashMap<>();
        onPollThread(() -> result.putAll(coordinator.committed(partitions, Duration.ofSeconds(5))));
        return result;
    }

    private void onPollThread(Runnable command) {
        FutureTask<Void> task = new FutureTask<>(command, null);
        commands.add(task);
        try {
            task.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("command on the poll thread of " + clientId + " failed", e);
        }
    }

    /** Stops polling but keeps the process (heartbeat thread, network) alive: a stuck application. */
    void stall() {
        running = false;
        shutdownThread();
    }

    void crash() {
        running = false;
        shutdownThread();
        network.close();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        shutdownThread();
        coordinator.close();
        pool.close();
        network.close();
    }

    private void shutdownThread() {
        thread.shutdown();
        try {
            thread.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        assignment = Set.copyOf(partitions);
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        seeks.put(partition, offset);
    }

    @Override
    public Map<TopicPartition, Long> consumedPositions() {
        return Map.copyOf(positions);
    }

    /** Pretends the application consumed up to {@code position} (what auto-commit commits). */
    void consumedUpTo(TopicPartition partition, long position) {
        positions.put(partition, position);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        log.revoked(clientId, partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        log.assigned(clientId, partitions);
    }
}
