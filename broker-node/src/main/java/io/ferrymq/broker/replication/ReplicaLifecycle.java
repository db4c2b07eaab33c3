package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.partition.PartitionConfig;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.coordinator.election.LeaderElectionService;
import io.ferrymq.coordinator.election.LeadershipListener;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.TopicListener;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, re-roles and deletes the local replicas: replicas for every partition the topic metadata
 * assigns to this broker (log, {@link Partition}, elector), each running with its topic's configs,
 * applied again to the live log, partition and elector whenever the topic's znode changes (a
 * reassignment adds replicas here like a new topic, and removes those no longer assigned);
 * become-leader and become-follower as the electors say (a follower starts fetching from its
 * leader, truncating first), and deletion of a topic's replicas when its deletion is requested
 * (then acknowledged to the coordinator).
 *
 * <p>Thread-safety: leadership callbacks arrive on the election thread, topic events on the
 * metadata thread (new replicas are hosted on {@link ReplicaHosting}'s threads, each event's before the
 * next event), deposition on the ISR thread; every step is safe against the others because
 * {@link Partition} fences by epoch, the hosted partitions and electors are concurrent maps and the
 * fetcher manager is synchronized.
 */
final class ReplicaLifecycle implements LeadershipListener, TopicListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaLifecycle.class);

    private final ReplicationConfig config;
    private final ReplicationContext context;
    private final HostedPartitions partitions;
    private final ReplicaFetcherManager fetchers;
    private final Consumer<TopicPartition> wakeUp;
    /** Asks the ISR thread to look at a led partition soon (after an election or a reassignment step). */
    private final Consumer<TopicPartition> checkLeaderSoon;
    private final ReplicationThrottles throttles;
    private final ReplicaHosting hosting = new ReplicaHosting();
    private volatile Optional<LeaderElectionService> elections = Optional.empty();
    private long uncleanSeen;

    ReplicaLifecycle(ReplicationConfig config, ReplicationContext context, HostedPartitions partitions,
                     ReplicaFetcherManager fetchers, Consumer<TopicPartition> wakeUp,
                     Consumer<TopicPartition> checkLeaderSoon, ReplicationThrottles throttles) {
        this.config = config;
        this.context = context;
        this.partitions = partitions;
        this.fetchers = fetchers;
        this.wakeUp = wakeUp;
        this.checkLeaderSoon = checkLeaderSoon;
        this.throttles = throttles;
    }

    void attach(LeaderElectionService service) {
        this.elections = Optional.of(service);
    }

    /**
     * Hosts every assigned replica, finishes pending deletions and removes logs of topics that are gone.
     * While a log dir is offline, an assigned replica without a log in an online dir starts offline: its
     * log was probably in the failed dir, and an empty replica must not take its place in the ISR.
     */
    void loadAll() {
        Set<String> pendingDeletion = context.metadata().topicsPendingDeletion();
        Map<String, TopicMetadata> topics = context.metadata().topics();
        Set<TopicPartition> onDisk = context.logs().localPartitions();
        List<Path> offlineDirs = context.logs().offlineLogDirs();
        for (TopicMetadata topic : topics.values()) {
            if (pendingDeletion.contains(topic.name())) {
                onTopicDeletionRequested(topic.name());
                continue;
            }
            if (!offlineDirs.isEmpty()) {
                topic.partitionsOn(config.brokerId()).stream().filter(tp -> !onDisk.contains(tp))
                        .forEach(tp -> partitions.takeOffline(tp, offlineDirs.toString()));
            }
            onTopicChanged(topic);
        }
        Set<TopicPartition> stale = new HashSet<>(onDisk);
        topics.values().forEach(t -> stale.removeAll(t.partitionsOn(config.brokerId())));
        for (TopicPartition tp : stale) {
            LOG.warn("Deleting local replica {}: its topic or assignment no longer includes broker {}", tp,
                    config.brokerId());
            context.logs().delete(tp);
        }
    }

    /**
     * Hosts the topic's new replicas here ({@link ReplicaHosting}: several at a time, returning once all
     * are hosted) and applies the topic's configs and assignment to those already hosted.
     */
    @Override
    public void onTopicChanged(TopicMetadata topic) {
        if (context.metadata().topicsPendingDeletion().contains(topic.name())) {
            return;
        }
        throttles.onTopicChanged(topic);
        removeUnassigned(topic);
        List<TopicPartition> unhosted = new ArrayList<>();
        for (TopicPartition tp : topic.partitionsOn(config.brokerId())) {
            if (partitions.isOffline(tp)) {
                continue;
            }
            Optional<Partition> hosted = partitions.get(tp);
            if (hosted.isPresent()) {
                reconfigure(topic, hosted.get());
            } else {
                unhosted.add(tp);
            }
        }
        context.logs().placeNewLogs(unhosted);
        hosting.hostAll(unhosted, tp -> host(topic, tp));
    }

    private void reconfigure(TopicMetadata topic, Partition hosted) {
        TopicPartition tp = hosted.topicPartition();
        PartitionConfig partitionConfig = partitionConfig(topic, tp);
        boolean reassigned = !hosted.config().replicas().equals(partitionConfig.replicas());
        hosted.updateConfig(partitionConfig);
        context.logs().applyTopicConfigs(tp, topic.configs());
        elections.ifPresent(e -> e.setUncleanLeaderElection(tp, uncleanLeaderElection(topic, e)));
        if (reassigned) {
            elections.ifPresent(e -> e.setReplicas(tp, partitionConfig.replicas()));
            LOG.info("Replica {}: replicas now {}", tp, partitionConfig.replicas());
        }
        if (hosted.isLeader()) {
            checkLeaderSoon.accept(tp);
        }
    }

    /** Creates the replica's log and {@link Partition}, then its elector (on a {@link ReplicaHosting} thread). */
    private void host(TopicMetadata topic, TopicPartition tp) {
        PartitionConfig partitionConfig = partitionConfig(topic, tp);
        long checkpoint = context.logs().highWatermarkCheckpoint(tp).orElse(0L);
        Partition created = partitions.putIfAbsent(new Partition(tp, context.logs().getOrCreate(tp,
                topic.configs()), partitionConfig, checkpoint, context.clock()));
        elections.ifPresent(e -> e.elector(tp, created.config().replicas(), uncleanLeaderElection(topic, e)));
        LOG.info("Hosting replica {} (replicas {}, high watermark {})", tp, partitionConfig.replicas(),
                created.highWatermark());
    }

    /** Stops hosting new replicas (waiting for those being hosted). */
    void close() {
        hosting.close();
    }

    /**
     * Removes the hosted replicas of {@code topic} whose partition no longer lists this broker (a
     * reassignment completed or was cancelled): the replica leaves its latch (a leader thereby resigns,
     * so a replica of the new assignment is elected with epoch+1), stops fetching, stops serving and
     * its log is deleted.
     */
    private void removeUnassigned(TopicMetadata topic) {
        for (Partition partition : partitions.ofTopic(topic.name())) {
            TopicPartition tp = partition.topicPartition();
            if (topic.replicas(tp.partition()).contains(config.brokerId())) {
                continue;
            }
            elections.ifPresent(e -> e.remove(tp));
            fetchers.removePartition(tp);
            partitions.remove(tp);
            partition.makeFollower(Partition.NO_LEADER, partition.leaderEpoch());
            wakeUp.accept(tp);
            context.logs().delete(tp);
            LOG.info("Deleted replica {}: reassigned to {}", tp, topic.replicas(tp.partition()));
        }
    }

    /**
     * The broker's settings changed (dynamic broker configs): every hosted replica's log and elector take
     * its topic's configs over the broker's new settings again. Replicas are not created here.
     */
    void reapplyTopicConfigs() {
        for (TopicMetadata topic : context.metadata().topics().values()) {
            for (TopicPartition tp : topic.partitionsOn(config.brokerId())) {
                if (partitions.get(tp).isPresent()) {
                    context.logs().applyTopicConfigs(tp, topic.configs());
                    elections.ifPresent(e -> e.setUncleanLeaderElection(tp, uncleanLeaderElection(topic, e)));
                }
            }
        }
    }

    private PartitionConfig partitionConfig(TopicMetadata topic, TopicPartition tp) {
        return new PartitionConfig(config.brokerId(), topic.replicas(tp.partition()), minInsyncReplicas(topic),
                config.replicaLagTimeMaxMs(), topicCodec(topic));
    }

    /**
     * The topic's {@code compression.type} as Kafka names it: {@code producer} (the default) keeps the
     * producer's codec, {@code uncompressed} stores batches without one, a codec name recompresses. An
     * invalid override (only a hand-edited znode can hold one) is logged and the producer's codec kept.
     */
    static Optional<CompressionType> topicCodec(TopicMetadata topic) {
        try {
            return TopicConfigKeys.compressionType(topic.configs()).filter(v -> !v.equals("producer"))
                    .map(v -> v.equals("uncompressed") ? CompressionType.NONE : CompressionType.forName(v));
        } catch (ConfigException e) {
            LOG.error("Topic {} has an invalid compression.type; keeping the producer's codec: {}", topic.name(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The topic's override when it has a valid one, else the broker's setting (both at least 1). */
    private int minInsyncReplicas(TopicMetadata topic) {
        try {
            return TopicConfigKeys.minInsyncReplicas(topic.configs()).orElse(config.minInsyncReplicas());
        } catch (ConfigException e) {
            LOG.error("Topic {} has an invalid override; using the broker default {}: {}", topic.name(),
                    config.minInsyncReplicas(), e.getMessage());
            return config.minInsyncReplicas();
        }
    }

    /** The topic's {@code unclean.leader.election.enable} when it has a valid one, else the broker's. */
    private static boolean uncleanLeaderElection(TopicMetadata topic, LeaderElectionService service) {
        try {
            return TopicConfigKeys.uncleanLeaderElectionEnable(topic.configs())
                    .orElse(service.uncleanLeaderElectionDefault());
        } catch (ConfigException e) {
            LOG.error("Topic {} has an invalid unclean.leader.election.enable; using the broker's: {}", topic.name(),
                    e.getMessage());
            return service.uncleanLeaderElectionDefault();
        }
    }

    @Override
    public void onTopicDeletionRequested(String topic) {
        throttles.onTopicDeleted(topic);
        for (Partition partition : partitions.ofTopic(topic)) {
            TopicPartition tp = partition.topicPartition();
            elections.ifPresent(e -> e.remove(tp));
            fetchers.removePartition(tp);
            partitions.remove(tp);
            partition.makeFollower(Partition.NO_LEADER, partition.leaderEpoch());
            wakeUp.accept(tp);
            context.logs().delete(tp);
            LOG.info("Deleted replica {} (topic deletion)", tp);
        }
        for (TopicPartition tp : context.logs().localPartitions()) {
            if (tp.topic().equals(topic)) {
                context.logs().delete(tp);
            }
        }
        partitions.forgetOffline(topic);
        context.metadata().acknowledgeDeletion(topic, config.brokerId());
    }

    /**
     * Takes the replicas of a failed log dir offline (KIP-112): they stop serving at once (a leader
     * stops taking appends and its waiters are woken), their fetchers stop, and later topic events do
     * not host them again. Their latches are left separately ({@link #leaveLatches}), once the
     * registration says they are offline, so the next leader leaves them out of its ISR.
     */
    void takeOffline(Set<TopicPartition> offline, Path logDir) {
        for (TopicPartition tp : offline) {
            // unhosted first: a become-follower racing with this then finds nothing to fetch for
            Optional<Partition> hosted = partitions.takeOffline(tp, logDir.toString());
            fetchers.removePartition(tp);
            hosted.ifPresent(partition -> {
                partition.makeFollower(Partition.NO_LEADER, partition.leaderEpoch());
                wakeUp.accept(tp);
            });
        }
    }

    /** Leaves the latches of offline replicas for good (until restart). */
    void leaveLatches(Set<TopicPartition> offline) {
        offline.forEach(tp -> elections.ifPresent(e -> e.remove(tp)));
    }

    @Override
    public void onBecomeLeader(TopicPartition tp, int leaderEpoch, List<Integer> isr) {
        Optional<Partition> hosted = partitions.get(tp);
        if (hosted.isEmpty()) {
            LOG.warn("Elected leader of {} at epoch {}, but no local replica is hosted", tp, leaderEpoch);
            return;
        }
        fetchers.removePartition(tp);
        if (hosted.get().makeLeader(leaderEpoch, isr)) {
            LOG.info("Leader of {} at epoch {} with ISR {} (log end {}, high watermark {})", tp, leaderEpoch, isr,
                    hosted.get().logEndOffset(), hosted.get().highWatermark());
            countUncleanElections(tp);
            checkLeaderSoon.accept(tp);
        }
        wakeUp.accept(tp);
    }

    private void countUncleanElections(TopicPartition tp) {
        long total = elections.map(LeaderElectionService::uncleanElections).orElse(0L);
        synchronized (this) {
            if (total > uncleanSeen) {
                context.metrics().uncleanLeaderElections().mark(total - uncleanSeen);
                LOG.warn("Unclean leader election on broker {} (now {} in total, latest {}): acknowledged writes "
                        + "may be lost", config.brokerId(), total, tp);
                uncleanSeen = total;
            }
        }
    }

    @Override
    public void onBecomeFollower(TopicPartition tp, int leaderId, int leaderEpoch) {
        Optional<Partition> hosted = partitions.get(tp);
        if (hosted.isEmpty()) {
            return;
        }
        boolean changed = hosted.get().makeFollower(leaderId, leaderEpoch);
        wakeUp.accept(tp);
        if (hosted.get().isLeader() || hosted.get().leaderEpoch() != leaderEpoch) {
            return;
        }
        if (leaderId == Partition.NO_LEADER || leaderId == config.brokerId()) {
            fetchers.removePartition(tp);
        } else if (changed || fetchers.sourceOf(tp).map(s -> s != leaderId).orElse(true)) {
            fetchers.addPartition(tp, leaderId, leaderEpoch);
            LOG.info("Following broker {} for {} at epoch {} from offset {}", leaderId, tp, leaderEpoch,
                    hosted.get().logEndOffset());
        }
    }

    /** A conditional ISR write showed another leader or epoch: stop leading now, follow if known. */
    void onDeposed(Partition partition, int epoch, Optional<PartitionState> current) {
        if (partition.makeFollower(Partition.NO_LEADER, epoch)) {
            wakeUp.accept(partition.topicPartition());
        }
        current.filter(PartitionState::hasLeader)
                .ifPresent(s -> onBecomeFollower(partition.topicPartition(), s.leader(), s.leaderEpoch()));
    }
}
