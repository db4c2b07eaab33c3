package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One follower fetcher: a named thread that copies many partitions from one leader broker. For
 * each partition it first truncates ({@link FollowerTruncation}), then long-polls Fetch requests
 * carrying this broker's id and its current leader epoch, and appends what comes back. Partitions
 * are added and removed by the election thread at any time; a response is applied only if the
 * partition's {@link FetchState} is the one the request was built from. Requests go in a fetch
 * session ({@link FetchSessionBuilder}): after the first, full, request they carry only partitions
 * whose position changed, and the leader answers only partitions with news. Replicas their topic lists
 * as follower-throttled are left out of the requests while the follower's replication quota is spent,
 * and what they receive counts against it ({@link ReplicationThrottles}).
 *
 * <p>Thread-safety: the state map is concurrent; only the fetcher thread touches the connection.
 */
final class ReplicaFetcherThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFetcherThread.class);
    private static final long IDLE_WAIT_MS = 200;

    private final int sourceBrokerId;
    private final FetcherContext context;
    private final Map<TopicPartition, FetchState> states = new ConcurrentHashMap<>();
    private final FollowerTruncation truncation;
    /** This fetcher's fetch session with the leader; touched only by the fetcher thread. */
    private final FetchSessionBuilder session = new FetchSessionBuilder();
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean running = true;
    private volatile CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
    private Optional<LeaderEndpoint> endpoint = Optional.empty();

    ReplicaFetcherThread(int sourceBrokerId, int index, FetcherContext context) {
        this.sourceBrokerId = sourceBrokerId;
        this.context = context;
        this.truncation = new FollowerTruncation(context, states);
        this.thread = new Thread(this::run,
                "ferry-replica-fetcher-" + context.config().brokerId() + "-from-" + sourceBrokerId + "-" + index);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void addPartition(TopicPartition partition, int leaderEpoch) {
        states.put(partition, FetchState.truncating(leaderEpoch));
        wakeUp();
    }

    boolean removePartition(TopicPartition partition) {
        return states.remove(partition) != null;
    }

    boolean isEmpty() {
        return states.isEmpty();
    }

    private void wakeUp() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            try {
                doWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                if (running) {
                    LOG.warn("Fetcher from broker {} failed, retrying in {} ms: {}", sourceBrokerId,
                            context.config().replicaFetchBackoffMs(), e.toString());
                    resetEndpoint();
                    pause(context.config().replicaFetchBackoffMs());
                }
            }
        }
        resetEndpoint();
    }

    /** The connection to the leader, opened on first use from the registry's address of it. */
    LeaderEndpoint endpoint() {
        if (endpoint.isEmpty()) {
            var leader = context.registry().broker(sourceBrokerId).orElseThrow(() -> ErrorCode.BROKER_NOT_AVAILABLE
                    .exception("leader broker " + sourceBrokerId + " is not registered"));
            endpoint = Optional.of(context.endpoints().connect(leader));
        }
        return endpoint.get();
    }

    private void resetEndpoint() {
        endpoint.ifPresent(LeaderEndpoint::close);
        endpoint = Optional.empty();
    }

    /** Waits for a request's answer; {@link #close()} cancels the wait. */
    <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        inFlight = future;
        if (!running) {
            future.cancel(false);
        }
        return future.get(context.config().replicaSocketTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    private void doWork() throws InterruptedException, ExecutionException, TimeoutException {
        long now = context.clock().millis();
        Map<TopicPartition, FetchState> truncating = new HashMap<>();
        Map<TopicPartition, FetchState> fetching = new HashMap<>();
        states.forEach((tp, state) -> {
            if (state.isReady(now)) {
                (state.truncating() ? truncating : fetching).put(tp, state);
            }
        });
        if (!truncating.isEmpty()) {
            truncation.truncate(this, truncating);
        }
        if (fetching.isEmpty()) {
            if (truncating.isEmpty()) {
                pause(IDLE_WAIT_MS);
            }
            return;
        }
        fetch(fetching);
    }

    private void fetch(Map<TopicPartition, FetchState> fetching)
            throws InterruptedException, ExecutionException, TimeoutException {
        ReplicationConfig config = context.config();
        Map<TopicPartition, FetchRequest.PartitionData> wanted = new LinkedHashMap<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        boolean quotaSpent = context.throttles().followerWaitMs() > 0;
        Map<TopicPartition, Boolean> throttled = new HashMap<>();
        fetching.forEach((tp, state) -> throttled.put(tp, context.throttles().isFollowerThrottledReplica(tp)));
        fetching.forEach((tp, state) -> {
            if (quotaSpent && throttled.get(tp)) {
                return;
            }
            context.partition(tp).ifPresent(p -> {
                long offset = p.logEndOffset();
                offsets.put(tp, offset);
                wanted.put(tp, new FetchRequest.PartitionData(tp, offset, state.leaderEpoch(), config.replicaFetchMaxBytes()));
            });
        });
        if (wanted.isEmpty()) {
            if (quotaSpent) {
                pause(Math.min(IDLE_WAIT_MS, context.throttles().followerWaitMs()));
            }
            return;
        }
        FetchSessionBuilder.Built built = session.build(wanted);
        FetchRequest request = new FetchRequest(config.brokerId(), config.replicaFetchWaitMaxMs(),
                config.replicaFetchMinBytes(), config.replicaFetchResponseMaxBytes(), built.partitions(),
                built.sessionId(), built.epoch(), built.forgotten());
        FetchResponse response;
        try {
            response = await(endpoint().fetch(request));
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            session.requestFailed();
            throw e;
        }
        if (!session.handleResponse(built, response)) {
            if (response.error() == ErrorCode.FETCH_SESSION_ID_NOT_FOUND
                    || response.error() == ErrorCode.INVALID_FETCH_SESSION_EPOCH) {
                LOG.info("Fetch session with broker {} lost ({}): the next fetch is full", sourceBrokerId,
                        response.error());
                return;
            }
            throw response.error().exception("fetch from broker " + sourceBrokerId + " failed");
        }
        for (FetchResponse.PartitionData partitionData : response.partitions()) {
            TopicPartition tp = partitionData.topicPartition();
            FetchState sent = fetching.get(tp);
            Long offset = offsets.get(tp);
            if (Boolean.TRUE.equals(throttled.get(tp))) {
                context.throttles().recordFollower(partitionData.records().sizeInBytes());
            }
            if (sent != null && offset != null && states.get(tp) == sent) {
                context.partition(tp).ifPresent(p -> apply(p, sent, offset, partitionData));
            }
        }
    }

    private void apply(Partition partition, FetchState sent, long offset, FetchResponse.PartitionData data) {
        TopicPartition tp = partition.topicPartition();
        switch (data.error()) {
            case NONE -> {
                try {
                    partition.appendAsFollower(data.records().toByteBuffer(), offset, sent.leaderEpoch(),
                            data.highWatermark());
                } catch (RuntimeException e) {
                    LOG.error("Could not append what broker {} sent for {} at {}: {}", sourceBrokerId, tp, offset,
                            e.getMessage());
                    delay(tp, sent);
                }
            }
            case OFFSET_OUT_OF_RANGE -> {
                if (data.logStartOffset() > offset) {
                    LOG.warn("{}: leader {} starts at {}, past our log end {}: restarting the log there", tp,
                            sourceBrokerId, data.logStartOffset(), offset);
                    partition.truncateFullyAndStartAt(data.logStartOffset(), sent.leaderEpoch());
                } else {
                    states.replace(tp, sent, sent.truncatingAgain());
                }
            }
            default -> {
                LOG.debug("{}: fetch from broker {} answered {}", tp, sourceBrokerId, data.error());
                delay(tp, sent);
            }
        }
    }

    private void delay(TopicPartition tp, FetchState sent) {
        states.replace(tp, sent, sent.delayedUntil(context.clock().millis() + context.config().replicaFetchBackoffMs()));
    }

    private void pause(long ms) {
        synchronized (signal) {
            try {
                signal.wait(Math.max(1, ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    Optional<FetchState> state(TopicPartition partition) {
        return Optional.ofNullable(states.get(partition));
    }

    int sourceBrokerId() {
        return sourceBrokerId;
    }

    /**
     * Stops the thread and waits (bounded) for it to end. The thread is never interrupted: an
     * interrupt during a file write would close the segment's channel; the request in flight is
     * cancelled instead.
     */
    @Override
    public void close() {
        running = false;
        inFlight.cancel(false);
        wakeUp();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within 5 s", thread.getName());
        }
    }
}
