package io.ferrymq.coordinator.election;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.TopicListener;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.BrokerListener;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConnectionState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker's leader electors: creates a {@link ZkLeaderElector} per hosted replica and owns
 * what they share — the ordered election thread {@code ferry-election-<brokerId>} on which every
 * latch callback, watch, timer and {@link LeadershipListener} call runs; the reaction to
 * connection changes (SUSPENDED/LOST: every leader steps down at once; RECONNECTED after LOST:
 * every latch is closed and recreated); re-evaluation when brokers join or leave; the changes of
 * partition {@code state} that the broker's metadata cache sees, handed to the hosted partitions'
 * electors (one watch and one read per change and broker, the cache's, instead of another pair
 * per elector: at 10,000 partitions a failover's ISR shrinks and election writes otherwise queued
 * thousands of watch callbacks and reads ahead of the elections on the election thread); every
 * elector's periodic self-check ({@link ZkLeaderElector#reconcile}); the preferred-leader
 * rebalance; and the count of unclean elections. Thread-safe.
 */
public final class LeaderElectionService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElectionService.class);

    /** How often every elector checks itself ({@link ZkLeaderElector#reconcile}). */
    static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(5);
    /** The bound of a call that runs for every elector at once on the election thread. */
    private static final Duration ALL_ELECTORS_TIMEOUT = Duration.ofSeconds(60);

    private final ElectorContext context;
    private final MetadataStore metadata;
    private final Map<TopicPartition, ZkLeaderElector> electors = new ConcurrentHashMap<>();
    private final AtomicLong uncleanElections = new AtomicLong();
    private final OnDemandElections onDemand;
    private volatile Optional<Boolean> uncleanDefault = Optional.empty();
    private volatile boolean sessionLost;

    /**
     * @param metadata the broker's started metadata store, whose cache tells the electors about
     *                 changes of partition {@code state}
     */
    public LeaderElectionService(ZkClient zk, BrokerRegistry registry, MetadataStore metadata, ElectionConfig config,
                                 LeadershipListener listener) {
        AtomicReference<Thread> electionThread = new AtomicReference<>();
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ferry-election-" + config.brokerId());
            electionThread.set(t);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        this.context = new ElectorContext(zk.curator(), registry, config, listener, thread, uncleanElections,
                electionThread);
        this.metadata = metadata;
        thread.scheduleWithFixedDelay(this::reconcileAll, RECONCILE_INTERVAL.toMillis(), RECONCILE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        this.onDemand = new OnDemandElections(context, tp -> Optional.ofNullable(electors.get(tp)), Clock.systemUTC());
        zk.addConnectionListener(this::onConnectionStateChanged);
        registry.addListener(new BrokerListener() {
            @Override
            public void onBrokerAdded(BrokerInfo broker) {
                onBrokersChanged();
            }

            @Override
            public void onBrokerRemoved(int brokerId) {
                onBrokersChanged();
            }
        });
        metadata.addListener(new TopicListener() {
            @Override
            public void onPartitionStateChanged(TopicPartition partition, Versioned<PartitionState> state) {
                ZkLeaderElector elector = electors.get(partition);
                if (elector != null) {
                    context.onThread(() -> elector.onStateChanged(state));
                }
            }

            @Override
            public void onTopicDeleted(String topic) {
                electors.values().stream().filter(e -> e.partition().topic().equals(topic))
                        .forEach(e -> context.onThread(e::recheck));
            }
        });
        onDemand.start();
    }

    /** Creates and starts the elector for a hosted replica; returns the existing one if there is one. */
    public LeaderElector elector(TopicPartition partition, List<Integer> replicas) {
        return elector(partition, replicas, context.config().uncleanLeaderElectionEnable());
    }

    /**
     * {@link #elector(TopicPartition, List)} for a topic whose {@code unclean.leader.election.enable}
     * is {@code uncleanEnabled} (its override, else the broker's); an existing elector is returned as
     * it is ({@link #setUncleanLeaderElection} changes it).
     */
    public LeaderElector elector(TopicPartition partition, List<Integer> replicas, boolean uncleanEnabled) {
        if (!replicas.contains(context.config().brokerId())) {
            throw new IllegalArgumentException(partition + ": broker " + context.config().brokerId()
                    + " is not among the assigned replicas " + replicas);
        }
        ZkLeaderElector existing = electors.get(partition);
        if (existing != null) {
            return existing;
        }
        ZkLeaderElector created = new ZkLeaderElector(context, partition, replicas, uncleanEnabled);
        ZkLeaderElector raced = electors.putIfAbsent(partition, created);
        if (raced != null) {
            return raced;
        }
        // the cache is read only now that the elector is in the map: a change after this reaches it as an event
        created.start(metadata.cachedPartitionState(partition));
        return created;
    }

    /**
     * The partition's assignment changed (a reassignment) and still includes this broker: its elector
     * uses the new order (preferred replica first) from now on.
     */
    public void setReplicas(TopicPartition partition, List<Integer> replicas) {
        ZkLeaderElector elector = electors.get(partition);
        if (elector != null) {
            elector.setReplicas(replicas);
        }
    }

    /** The topic's {@code unclean.leader.election.enable} changed: the partition's elector follows it. */
    public void setUncleanLeaderElection(TopicPartition partition, boolean enabled) {
        ZkLeaderElector elector = electors.get(partition);
        if (elector != null) {
            elector.setUncleanLeaderElection(enabled);
        }
    }

    /** The broker's {@code unclean.leader.election.enable}, which a topic may override. */
    public boolean uncleanLeaderElectionDefault() {
        return uncleanDefault.orElse(context.config().uncleanLeaderElectionEnable());
    }

    /**
     * Replaces the broker's {@code unclean.leader.election.enable} (a dynamic broker config); the
     * electors follow when {@link #setUncleanLeaderElection} is called for their partitions.
     */
    public void setUncleanLeaderElectionDefault(boolean enabled) {
        uncleanDefault = Optional.of(enabled);
    }

    public Optional<LeaderElector> get(TopicPartition partition) {
        return Optional.ofNullable(electors.get(partition));
    }

    /** Closes and forgets the elector of a replica this broker no longer hosts (e.g. topic deleted). */
    public void remove(TopicPartition partition) {
        ZkLeaderElector elector = electors.remove(partition);
        if (elector != null) {
            elector.close();
        }
    }

    /**
     * Controlled shutdown: every elector steps down and leaves its latch, in one task on the
     * election thread (one hand-over for 10,000 electors, not one each).
     */
    public void resignAll() {
        context.runAndWait("resigning every leadership of broker " + context.config().brokerId(),
                () -> electors.values().forEach(ZkLeaderElector::resignOnThread), ALL_ELECTORS_TIMEOUT);
    }

    /**
     * One round of the preferred-leader rebalance: every elector of a non-preferred replica makes
     * way for its preferred replica when that one is registered and in the ISR and the latch
     * ({@link ZkLeaderElector#makeWayForPreferred}). Asynchronous; a partition whose latch holds
     * other replicas between the two moves on a later round.
     */
    public void rebalancePreferredLeaders() {
        forEachOnThread(ZkLeaderElector::makeWayForPreferred);
    }

    /** Runs {@link #rebalancePreferredLeaders} every {@code interval} until closed. */
    public void scheduleLeaderRebalance(Duration interval) {
        context.executor().scheduleWithFixedDelay(this::rebalancePreferredLeaders, interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * An on-demand election (Kafka's ElectLeaders) of {@code type} for {@code partitions}, each with
     * its assignment (preferred first), which any broker may ask for, hosting them or not: every
     * hosting broker acts through ZooKeeper ({@link OnDemandElections}). The answer per partition
     * comes once its state shows the outcome, or with {@code REQUEST_TIMED_OUT} after {@code timeout}.
     */
    public CompletableFuture<Map<TopicPartition, ElectionResult>> electLeaders(ElectionType type,
            Map<TopicPartition, List<Integer>> partitions, Duration timeout) {
        return onDemand.electLeaders(type, partitions, timeout);
    }

    /** How many times this broker became leader from outside the ISR. */
    public long uncleanElections() {
        return uncleanElections.get();
    }

    /** How many partitions this broker currently leads. */
    public int leaderCount() {
        return (int) electors.values().stream().filter(ZkLeaderElector::isLeader).count();
    }

    private void onConnectionStateChanged(ZkConnectionState state) {
        switch (state) {
            case SUSPENDED -> forEachOnThread(ZkLeaderElector::onConnectionSuspended);
            case LOST -> {
                sessionLost = true;
                log.warn("ZooKeeper session lost: every leadership of broker {} ends; latches are recreated on reconnect",
                        context.config().brokerId());
                forEachOnThread(ZkLeaderElector::onSessionLost);
            }
            case RECONNECTED -> {
                boolean recreate = sessionLost;
                sessionLost = false;
                if (recreate) {
                    onDemand.rewatch();
                }
                forEachOnThread(e -> e.onReconnected(recreate));
            }
            default -> {
            }
        }
    }

    /** The periodic self-check of every elector; one elector's failure neither stops the others nor later rounds. */
    private void reconcileAll() {
        for (ZkLeaderElector elector : electors.values()) {
            try {
                elector.reconcile();
            } catch (RuntimeException e) {
                log.warn("{}: self-check failed", elector.partition(), e);
            }
        }
    }

    private void onBrokersChanged() {
        forEachOnThread(ZkLeaderElector::onBrokersChanged);
    }

    private void forEachOnThread(java.util.function.Consumer<ZkLeaderElector> action) {
        for (ZkLeaderElector elector : electors.values()) {
            context.executor().execute(() -> action.accept(elector));
        }
    }

    @Override
    public void close() {
        onDemand.close();
        try {
            context.runAndWait("closing the electors of broker " + context.config().brokerId(),
                    () -> electors.values().forEach(ZkLeaderElector::closeOnThread), ALL_ELECTORS_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Closing the electors failed; their latch nodes go with the session", e);
        }
        electors.clear();
        ScheduledExecutorService thread = context.executor();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("ferry-election-{} did not stop within 5 s", context.config().brokerId());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
