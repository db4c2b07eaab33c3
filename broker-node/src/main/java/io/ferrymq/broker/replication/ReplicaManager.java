package io.ferrymq.broker.replication;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.TimestampAndOffset;
import io.ferrymq.broker.metrics.ReplicaStateView;
import io.ferrymq.broker.partition.EpochEndOffset;
import io.ferrymq.broker.partition.FollowerFetchUpdate;
import io.ferrymq.broker.partition.LeaderAppend;
import io.ferrymq.broker.partition.LeaderEpochCheck;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.coordinator.election.ElectionConfig;
import io.ferrymq.coordinator.election.LeaderElectionService;
import io.ferrymq.coordinator.isr.IsrUpdater;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.BrokerListener;
import io.ferrymq.coordinator.registry.LogDirEventNotifications;
import io.ferrymq.coordinator.zk.ZkConnectionState;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas this broker hosts and everything that moves data between them: the handler-facing
 * produce, fetch, ListOffsets and OffsetsForLeaderEpoch operations; purgatories for acks=all and
 * long-poll fetches; follower fetchers; ISR maintenance; leader election through one elector per
 * hosted replica (DESIGN.md, "Leader election, epochs and fencing" and "Commit rule").
 *
 * <p>Errors are reported per partition in the results, never thrown. While the ZooKeeper
 * connection is SUSPENDED or LOST no write is accepted and no acks=all write completes.
 * Lifecycle: construct, {@link #start()}, optionally {@link #resignLeaderships()}, {@link #close()}.
 * Thread-safe.
 */
public final class ReplicaManager implements ReplicaStateView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaManager.class);

    private final ReplicationConfig config;
    private final ReplicationContext context;
    private final HostedPartitions partitions;
    private final DelayedOperationPurgatory<TopicPartition> producePurgatory;
    private final DelayedOperationPurgatory<TopicPartition> fetchPurgatory;
    private final ReplicaFetcherManager fetchers;
    private final ReplicaLifecycle lifecycle;
    private final LeaderElectionService elections;
    private final PreferredLeaderReclaim reclaim;
    private final IsrManager isrManager;
    private final FetchReader reader;
    private final ReplicationThrottles throttles;
    private final FerryFetchSessions fetchSessions;
    private final SessionFetches sessionFetches;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Optional<LogDirFailureHandler> logDirFailures = Optional.empty();
    private volatile boolean zkConnected = true;
    private final boolean ackAtLeaderAppend = FaultInjectionHooks.fromSystemProperties().ackAtLeaderAppend();

    public ReplicaManager(ReplicationConfig config, ReplicationContext context) {
        this.config = config;
        this.context = context;
        if (ackAtLeaderAppend) {
            LOG.warn("fault injection: {} is set, acks=all is acknowledged at the leader's append (writes can be lost)",
                    FaultInjectionHooks.ACK_AT_LEADER_APPEND);
        }
        this.partitions = new HostedPartitions(context.metadata(), config.brokerId());
        this.producePurgatory = new DelayedOperationPurgatory<>("produce-" + config.brokerId());
        this.fetchPurgatory = new DelayedOperationPurgatory<>("fetch-" + config.brokerId());
        this.throttles = new ReplicationThrottles(config.brokerId(), context.clock());
        this.fetchers = new ReplicaFetcherManager(new FetcherContext(config, context.clock(), partitions::get,
                context.registry(), context.endpoints(), throttles));
        this.lifecycle = new ReplicaLifecycle(config, context, partitions, fetchers, this::wakeUp,
                this::dropUnregisteredFollowersSoon, throttles);
        this.elections = new LeaderElectionService(context.zk(), context.registry(), context.metadata(),
                new ElectionConfig(config.brokerId(), config.uncleanLeaderElectionEnable(),
                        ElectionConfig.DEFAULT_PREFERRED_REPLICA_GRACE), lifecycle);
        this.lifecycle.attach(elections);
        this.reclaim = new PreferredLeaderReclaim(config.brokerId(),
                tp -> partitions.get(tp).map(p -> p.config().replicas()), elections);
        this.isrManager = new IsrManager(config, partitions, new IsrUpdater(context.metadata(), config.brokerId()),
                context.registry(), new IsrManager.IsrDeps(context.logs(), context.metrics(), isrListener(),
                        new ReassignmentDriver(context.metadata(), config.brokerId())));
        this.reader = new FetchReader(partitions, context.metrics(), throttles);
        this.fetchSessions = new FerryFetchSessions(FetchSessionCache.withKafkaDefaults(context.clock()));
        this.sessionFetches = new SessionFetches(fetchSessions, reader, partitions, this::updateFollowerStates,
                "fetch-session-" + config.brokerId());
    }

    /** This broker's replication throttle (rates set from the dynamic broker configs). */
    public ReplicationThrottles throttles() {
        return throttles;
    }

    /**
     * Applies changed dynamic broker settings: the broker's log settings to every log (merged again with
     * its topic's overrides) and the broker's unclean leader election default to every elector whose
     * topic does not override it.
     */
    public void reconfigure(LogConfig brokerLogConfig, boolean uncleanLeaderElectionDefault) {
        context.logs().reconfigure(brokerLogConfig);
        elections.setUncleanLeaderElectionDefault(uncleanLeaderElectionDefault);
        lifecycle.reapplyTopicConfigs();
    }

    /** This broker's leader electors, which also run on-demand elections (ElectLeaders). */
    public LeaderElectionService elections() {
        return elections;
    }

    /** Hosts the assigned replicas, joins their latches and starts ISR maintenance; after registration. */
    public void start() {
        context.zk().addConnectionListener(this::onConnectionStateChanged);
        context.registry().addListener(new BrokerListener() {
            @Override
            public void onBrokerRemoved(int brokerId) {
                isrManager.shrinkSoon();
            }

            @Override
            public void onBrokerAdded(BrokerInfo broker) {
                if (!broker.offline().replicas().isEmpty()) {
                    isrManager.shrinkSoon();
                }
                partitions.leaders().forEach(p -> isrManager.expandSoon(p.topicPartition()));
            }
        });
        context.metadata().addListener(lifecycle);
        lifecycle.loadAll();
        isrManager.start();
        if (config.autoLeaderRebalanceEnable()) {
            elections.scheduleLeaderRebalance(config.leaderImbalanceCheckInterval());
            context.metadata().addListener(reclaim);
        }
        context.metrics().registerReplicaState(this);
        context.metrics().registerPurgatorySize("Produce", producePurgatory::watched);
        context.metrics().registerPurgatorySize("Fetch", () -> fetchPurgatory.watched() + sessionFetches.waiting());
        context.metrics().registerFetchSessions(fetchSessions::size, fetchSessions::partitionCount);
        LOG.info("Replica manager of broker {} started with {} local replicas", config.brokerId(), partitionCount());
    }

    /**
     * Starts acting on failed log dirs (KIP-112, {@link LogDirFailureHandler}): after {@link #start()}
     * and the broker's registration as {@code registered}; {@code onEveryDirOffline} shuts the broker down.
     */
    public void handleLogDirFailures(BrokerInfo registered, Runnable onEveryDirOffline) {
        LogDirFailureHandler handler = new LogDirFailureHandler(new LogDirFailureHandler.Deps(context.logs(), lifecycle,
                partitions, context.registry(), new LogDirEventNotifications(context.zk().curator())), registered,
                onEveryDirOffline);
        logDirFailures = Optional.of(handler);
        handler.start();
    }

    /**
     * Appends each partition's batches on its leader here. acks=0 and acks=1 complete after the
     * append; acks=-1 completes once the high watermark passes every batch, or after
     * {@code timeoutMs} with {@code REQUEST_TIMED_OUT} for the partitions still waiting.
     */
    public CompletableFuture<Map<TopicPartition, PartitionProduceResult>> appendRecords(
            short acks, int timeoutMs, Map<TopicPartition, ByteBuffer> records) {
        Map<TopicPartition, PartitionProduceResult> decided = new LinkedHashMap<>();
        if (acks != 0 && acks != 1 && acks != -1) {
            records.keySet().forEach(tp -> decided.put(tp, PartitionProduceResult.failure(ErrorCode.INVALID_REQUIRED_ACKS,
                    "acks must be 0, 1 or -1 (all), was " + acks)));
            return CompletableFuture.completedFuture(decided);
        }
        Map<TopicPartition, DelayedProduce.PendingAppend> pending = new LinkedHashMap<>();
        records.forEach((tp, batches) -> appendOne(tp, batches, acks, decided, pending));
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(decided);
        }
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> response = new CompletableFuture<>();
        producePurgatory.tryCompleteElseWatch(new DelayedProduce(Math.max(0, timeoutMs), decided, pending,
                this::checkReplication, response::complete), pending.keySet());
        return response;
    }

    private void appendOne(TopicPartition tp, ByteBuffer batches, short acks,
                           Map<TopicPartition, PartitionProduceResult> decided,
                           Map<TopicPartition, DelayedProduce.PendingAppend> pending) {
        if (!zkConnected) {
            decided.put(tp, PartitionProduceResult.failure(ErrorCode.NOT_LEADER_OR_FOLLOWER, "broker "
                    + config.brokerId() + " lost its ZooKeeper connection and accepts no writes for " + tp));
            return;
        }
        int size = batches.remaining();
        LeaderAppend append;
        try {
            append = partitions.requireLeader(tp).appendAsLeader(batches, acks);
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.forPartition(e, tp);
            decided.put(tp, PartitionProduceResult.failure(error.error(), error.message()));
            return;
        }
        context.metrics().recordMessagesIn(tp.topic(), append.info().lastOffset() - append.info().firstOffset() + 1,
                size);
        PartitionProduceResult appended = PartitionProduceResult.success(append.info().firstOffset(),
                append.info().logAppendTimeMs(), append.logStartOffset());
        wakeFetches(tp);
        if (append.highWatermarkMoved()) {
            producePurgatory.checkAndComplete(tp);
        }
        if (acks == -1 && !ackAtLeaderAppend) {
            pending.put(tp, new DelayedProduce.PendingAppend(append.requiredOffset(), append.leaderEpoch(), appended));
        } else {
            decided.put(tp, appended);
        }
    }

    private Optional<ErrorCode> checkReplication(TopicPartition tp, long requiredOffset, int appendEpoch) {
        if (!zkConnected) {
            return Optional.empty();
        }
        return partitions.get(tp).map(p -> p.checkEnoughReplicasReachOffset(requiredOffset, appendEpoch))
                .orElse(Optional.of(ErrorCode.NOT_LEADER_OR_FOLLOWER));
    }

    /**
     * Serves a Fetch request of Ferry's protocol: a full or sessionless one reads its partitions
     * ({@link #fetch(FetchParams, Map)}), a full one opens a fetch session with its answer, and an
     * incremental one reads only what changed in its session ({@link SessionFetches}). A session error
     * is answered as a top-level error without partitions.
     */
    public CompletableFuture<FetchResponse> fetch(FetchRequest request) {
        FetchParams params = new FetchParams(request.replicaId(), request.maxWaitMs(), request.minBytes(),
                request.maxBytes());
        if (FerryFetchSessions.isIncremental(request)) {
            try {
                return sessionFetches.fetch(params, request);
            } catch (ApiException e) {
                return CompletableFuture.completedFuture(new FetchResponse(e.error(), List.of(),
                        FetchRequest.NO_SESSION_ID));
            }
        }
        List<FetchRequest.PartitionData> toRead = fetchSessions.partitionsToRead(request);
        Map<TopicPartition, PartitionFetchRequest> partitions = new LinkedHashMap<>();
        for (FetchRequest.PartitionData data : toRead) {
            partitions.putIfAbsent(data.topicPartition(), new PartitionFetchRequest(data.fetchOffset(),
                    data.currentLeaderEpoch(), Math.max(0, data.partitionMaxBytes()), data.lastFetchedEpoch()));
        }
        return fetch(params, partitions).thenApply(results -> fetchSessions.respond(request,
                new FetchResponse(ErrorCode.NONE, toRead.stream()
                        .map(data -> answer(data.topicPartition(), results)).toList())));
    }

    private static FetchResponse.PartitionData answer(TopicPartition tp, Map<TopicPartition, PartitionFetchResult> results) {
        PartitionFetchResult result = results.get(tp);
        return result == null ? FetchResponse.PartitionData.error(tp, ErrorCode.UNKNOWN_SERVER_ERROR)
                : result.toPartitionData(tp);
    }

    /**
     * Reads from the leaders here: consumers below the high watermark, followers (a broker id as
     * {@code replicaId}) to the log end, their fetch offsets telling this leader what they have.
     * Waits up to {@code maxWaitMs} for {@code minBytes}, woken by appends and high-watermark moves.
     */
    public CompletableFuture<Map<TopicPartition, PartitionFetchResult>> fetch(
            FetchParams params, Map<TopicPartition, PartitionFetchRequest> requests) {
        Map<TopicPartition, ApiError> errors = params.isFromFollower()
                ? updateFollowerStates(params.replicaId(), requests, Map.of()) : Map.of();
        Map<TopicPartition, PartitionFetchResult> results = reader.read(params, requests, errors);
        if (params.maxWaitMs() == 0 || requests.isEmpty() || FetchReader.isSatisfiedBy(results, params.minBytes())) {
            return CompletableFuture.completedFuture(results);
        }
        CompletableFuture<Map<TopicPartition, PartitionFetchResult>> response = new CompletableFuture<>();
        fetchPurgatory.tryCompleteElseWatch(new DelayedFetch(params.maxWaitMs(),
                () -> reader.isSatisfied(params, requests),
                () -> response.complete(reader.read(params, requests, errors))), requests.keySet());
        return response;
    }

    /**
     * Records a follower's fetch positions; {@code lastUnnamedFetchMs} holds, for partitions its fetch
     * session left out of its previous fetch, when that was ({@link Partition#updateFollowerFetchState}).
     */
    private Map<TopicPartition, ApiError> updateFollowerStates(int followerId,
                                                              Map<TopicPartition, PartitionFetchRequest> requests,
                                                              Map<TopicPartition, Long> lastUnnamedFetchMs) {
        Map<TopicPartition, ApiError> errors = new HashMap<>();
        requests.forEach((tp, request) -> {
            if (request.currentLeaderEpoch() == LeaderEpochCheck.NO_EPOCH) {
                errors.put(tp, new ApiError(ErrorCode.INVALID_REQUEST, "follower " + followerId + " fetched " + tp
                        + " without its current leader epoch"));
                return;
            }
            try {
                FollowerFetchUpdate update = partitions.require(tp).updateFollowerFetchState(followerId,
                        request.fetchOffset(), request.currentLeaderEpoch(),
                        lastUnnamedFetchMs.getOrDefault(tp, Partition.NO_UNNAMED_FETCH));
                if (update.highWatermarkMoved()) {
                    wakeUp(tp);
                }
                if (update.mayExpandIsr()) {
                    isrManager.expandSoon(tp);
                }
            } catch (RuntimeException e) {
                errors.put(tp, ErrorMapper.forPartition(e, tp));
            }
        });
        return errors;
    }

    /** ListOffsets on the leader: {@code -2} earliest, {@code -1} latest (high watermark), else by timestamp. */
    public ListOffsetResult listOffset(TopicPartition tp, long timestamp, int currentLeaderEpoch) {
        try {
            Optional<TimestampAndOffset> found = partitions.require(tp).listOffset(timestamp, currentLeaderEpoch);
            return found.map(f -> new ListOffsetResult(ErrorCode.NONE, "", f.timestamp(), f.offset(), f.leaderEpoch()))
                    .orElse(new ListOffsetResult(ErrorCode.NONE, "", -1L, -1L, -1));
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.forPartition(e, tp);
            return ListOffsetResult.failure(error.error(), error.message());
        }
    }

    /** OffsetsForLeaderEpoch on the leader: the largest epoch not above {@code requestedEpoch} and its end. */
    public EpochEndOffsetResult lastOffsetForLeaderEpoch(TopicPartition tp, int currentLeaderEpoch, int requestedEpoch) {
        try {
            EpochEndOffset found = partitions.require(tp).lastOffsetForLeaderEpoch(currentLeaderEpoch, requestedEpoch);
            return new EpochEndOffsetResult(ErrorCode.NONE, "", found.leaderEpoch(), found.endOffset());
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.forPartition(e, tp);
            return EpochEndOffsetResult.failure(error.error(), error.message());
        }
    }

    /**
     * Controlled shutdown (bounded by {@code controlledShutdownTimeout}): every partition led here stops
     * taking appends, waits until everything appended is committed (so every acks=all producer got its
     * answer) and every member of the ISR ZooKeeper holds has the whole log, then all latches are left
     * so an in-sync follower takes over.
     */
    public void resignLeaderships() {
        reclaim.close();
        new ControlledShutdown(config, context.clock(), partitions, context.metadata()).drainLeaders();
        elections.resignAll();
        LOG.info("Broker {} left every partition latch", config.brokerId());
    }

    /** Stops electors, fetchers and ISR maintenance, checkpoints high watermarks, expires waiters. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        logDirFailures.ifPresent(LogDirFailureHandler::close);
        lifecycle.close();
        reclaim.close();
        elections.close();
        fetchers.close();
        isrManager.close();
        producePurgatory.close();
        fetchPurgatory.close();
        sessionFetches.close();
        context.endpoints().close();
        LOG.info("Replica manager of broker {} closed", config.brokerId());
    }

    /** The hosted replica of a partition (for diagnostics and tests). */
    public Optional<Partition> partition(TopicPartition tp) {
        return partitions.get(tp);
    }

    /** A leadership just began: its ISR may still name a broker that left while it was elected. */
    private void dropUnregisteredFollowersSoon(TopicPartition tp) {
        isrManager.shrinkSoon(tp);
    }

    private void wakeUp(TopicPartition tp) {
        producePurgatory.checkAndComplete(tp);
        wakeFetches(tp);
    }

    /** Records, the high watermark or the leadership of {@code tp} changed: fetches waiting on it look again. */
    private void wakeFetches(TopicPartition tp) {
        fetchPurgatory.checkAndComplete(tp);
        sessionFetches.onChanged(tp);
    }

    private void onConnectionStateChanged(ZkConnectionState state) {
        boolean connected = state.isConnected();
        if (connected != zkConnected) {
            zkConnected = connected;
            LOG.info("ZooKeeper connection {}: broker {} {} writes", state, config.brokerId(),
                    connected ? "accepts and completes" : "stops accepting and completing");
        }
        if (!connected) {
            // Rule 5 without waiting for the election thread: stop leading now; a reconnect re-elects.
            for (Partition partition : partitions.leaders()) {
                partition.makeFollower(Partition.NO_LEADER, partition.leaderEpoch());
            }
        }
        partitions.all().forEach(p -> wakeUp(p.topicPartition()));
    }

    private IsrManager.Listener isrListener() {
        return new IsrManager.Listener() {
            @Override
            public void onHighWatermarkMoved(TopicPartition tp) {
                wakeUp(tp);
            }

            @Override
            public void onDeposed(Partition partition, int leaderEpoch, Optional<PartitionState> current) {
                lifecycle.onDeposed(partition, leaderEpoch, current);
            }
        };
    }

    @Override
    public int underReplicatedPartitions() {
        return (int) partitions.all().stream().filter(Partition::isUnderReplicated).count();
    }

    @Override
    public int underMinIsrPartitions() {
        return (int) partitions.all().stream().filter(Partition::isUnderMinIsr).count();
    }

    @Override
    public int offlinePartitions() {
        return (int) partitions.all().stream().filter(p -> p.leaderId() == Partition.NO_LEADER).count();
    }

    @Override
    public int leaderCount() {
        return partitions.leaders().size();
    }

    @Override
    public int partitionCount() {
        return partitions.all().size();
    }
}
