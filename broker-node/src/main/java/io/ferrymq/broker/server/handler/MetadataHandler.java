package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.common.protocol.responses.MetadataResponse.TopicMetadata;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metadata: live brokers and, per topic, every partition's leader, leader epoch, replicas, ISR and
 * offline replicas (on a broker that is not registered, or whose registration reports that replica
 * offline after a log dir failed). Everything is read from caches that follow ZooKeeper (the registry's and the
 * metadata store's {@code CuratorCache}), never with a ZooKeeper read per request. A partition
 * whose recorded leader is not registered is reported without a leader ({@code LEADER_NOT_AVAILABLE}),
 * so clients retry instead of connecting to a dead broker. Topics pending deletion are hidden. A
 * missing topic is created with the broker defaults when the request allows it and
 * {@code auto.create.topics.enable} is on, and is then reported as {@code LEADER_NOT_AVAILABLE}.
 *
 * <p>Thread-safe.
 */
public final class MetadataHandler implements RequestHandler<MetadataRequest> {

    private static final Logger log = LoggerFactory.getLogger(MetadataHandler.class);

    private final ClusterView cluster;
    private final MetadataStore store;
    private final TopicDefaults defaults;

    public MetadataHandler(ClusterView cluster, MetadataStore store, TopicDefaults defaults) {
        this.cluster = cluster;
        this.store = store;
        this.defaults = defaults;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    public CompletableFuture<MetadataResponse> handle(RequestContext context, MetadataRequest request) {
        Map<String, io.ferrymq.coordinator.metadata.TopicMetadata> topics = store.topics();
        Set<String> deleting = store.topicsPendingDeletion();
        List<String> names = request.allTopics()
                ? topics.keySet().stream().filter(name -> !deleting.contains(name)).sorted().toList()
                : request.topics().stream().distinct().toList();
        List<TopicMetadata> out = new ArrayList<>(names.size());
        for (String name : names) {
            Optional<io.ferrymq.coordinator.metadata.TopicMetadata> topic =
                    deleting.contains(name) ? Optional.empty() : Optional.ofNullable(topics.get(name));
            out.add(topic.map(this::describe)
                    .orElseGet(() -> missing(name, request.allowAutoTopicCreation())));
        }
        return CompletableFuture.completedFuture(
                new MetadataResponse(cluster.liveBrokers(context.listenerName()), cluster.clusterId(), out));
    }

    @Override
    public ApiResponse errorResponse(MetadataRequest request, ErrorCode error, String message) {
        List<TopicMetadata> topics = request.topics().stream()
                .map(name -> new TopicMetadata(error, name, List.of()))
                .toList();
        // no request context here: the topics' errors are the answer, with no brokers to connect to
        return new MetadataResponse(List.of(), cluster.clusterId(), topics);
    }

    private TopicMetadata describe(io.ferrymq.coordinator.metadata.TopicMetadata topic) {
        List<PartitionMetadata> partitions = new ArrayList<>(topic.partitionCount());
        for (TopicPartition tp : topic.partitions()) {
            partitions.add(describe(tp, topic.replicas(tp.partition())));
        }
        return new TopicMetadata(ErrorCode.NONE, topic.name(), partitions);
    }

    private PartitionMetadata describe(TopicPartition tp, List<Integer> replicas) {
        List<Integer> offline = replicas.stream().filter(id -> cluster.isReplicaOffline(id, tp)).toList();
        Optional<PartitionState> state = store.cachedPartitionState(tp).map(Versioned::value);
        int leader = state.map(PartitionState::leader).orElse(PartitionState.NO_LEADER);
        int epoch = state.map(PartitionState::leaderEpoch).orElse(-1);
        List<Integer> isr = state.map(PartitionState::isr).orElse(List.of());
        boolean leaderLive = leader != PartitionState.NO_LEADER && cluster.isLive(leader);
        return new PartitionMetadata(leaderLive ? ErrorCode.NONE : ErrorCode.LEADER_NOT_AVAILABLE, tp.partition(),
                leaderLive ? leader : PartitionMetadata.NO_LEADER, epoch, replicas, isr, offline);
    }

    private TopicMetadata missing(String name, boolean allowAutoCreation) {
        if (!allowAutoCreation || !defaults.autoCreateTopics()) {
            return new TopicMetadata(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, List.of());
        }
        try {
            store.createTopic(new NewTopic(name, defaults.numPartitions(), defaults.replicationFactor(), Map.of()));
            log.info("Auto-created topic {} with {} partitions, replication factor {}", name,
                    defaults.numPartitions(), defaults.replicationFactor());
            return new TopicMetadata(ErrorCode.LEADER_NOT_AVAILABLE, name, List.of());
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            ErrorCode code = error.error() == ErrorCode.TOPIC_ALREADY_EXISTS ? ErrorCode.LEADER_NOT_AVAILABLE
                    : error.error();
            return new TopicMetadata(code, name, List.of());
        }
    }
}
