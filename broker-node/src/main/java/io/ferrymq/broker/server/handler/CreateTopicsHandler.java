package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.server.ApiError;
import io.ferrymq.broker.server.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.client.common.TopicPartition;
import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiResponse;
import io.ferrymq.client.protocol.ErrorCode;
import io.ferrymq.client.protocol.requests.CreateTopicsRequest;
import io.ferrymq.client.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.client.protocol.responses.CreateTopicsResponse;
import io.ferrymq.client.protocol.responses.CreateTopicsResponse.TopicResult;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * CreateTopics through the {@link MetadataStore}, which validates names, counts and configs and
 * assigns replicas; its errors are reported per topic. Counts of -1 take the broker defaults. A
 * name given twice in one request is refused for both. The response is sent once the created
 * partitions have leaders or {@code timeoutMs} passed (the topics exist either way; clients retry
 * on {@code LEADER_NOT_AVAILABLE}). {@code validateOnly} checks without creating.
 *
 * <p>Thread-safe.
 */
public final class CreateTopicsHandler implements RequestHandler<CreateTopicsRequest> {

    private final MetadataStore store;
    private final LeaderWaiter leaderWaiter;
    private final TopicDefaults defaults;
    private final ClusterView cluster;

    public CreateTopicsHandler(MetadataStore store, LeaderWaiter leaderWaiter, TopicDefaults defaults,
                               ClusterView cluster) {
        this.store = store;
        this.leaderWaiter = leaderWaiter;
        this.defaults = defaults;
        this.cluster = cluster;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_TOPICS;
    }

    @Override
    public CompletableFuture<CreateTopicsResponse> handle(RequestContext context, CreateTopicsRequest request) {
        Map<String, Long> counts = request.topics().stream()
                .collect(Collectors.groupingBy(TopicSpec::name, Collectors.counting()));
        List<TopicResult> results = new ArrayList<>();
        List<TopicPartition> created = new ArrayList<>();
        for (TopicSpec spec : request.topics()) {
            if (counts.get(spec.name()) > 1) {
                results.add(new TopicResult(spec.name(), ErrorCode.INVALID_REQUEST,
                        "topic " + spec.name() + " appears more than once in the request", -1, (short) -1));
                continue;
            }
            results.add(create(spec, request.validateOnly(), created));
        }
        if (created.isEmpty() || request.timeoutMs() <= 0) {
            return CompletableFuture.completedFuture(new CreateTopicsResponse(results));
        }
        return leaderWaiter.awaitLeaders(created, Duration.ofMillis(request.timeoutMs()))
                .handle((ignored, timeout) -> new CreateTopicsResponse(results));
    }

    @Override
    public ApiResponse errorResponse(CreateTopicsRequest request, ErrorCode error, String message) {
        return new CreateTopicsResponse(request.topics().stream()
                .map(spec -> new TopicResult(spec.name(), error, message, -1, (short) -1))
                .toList());
    }

    private TopicResult create(TopicSpec spec, boolean validateOnly, List<TopicPartition> created) {
        int partitions = spec.numPartitions() == -1 ? defaults.numPartitions() : spec.numPartitions();
        int replicationFactor = spec.replicationFactor() == -1 ? defaults.replicationFactor()
                : spec.replicationFactor();
        try {
            if (validateOnly) {
                validate(spec.name(), partitions, replicationFactor);
                return new TopicResult(spec.name(), ErrorCode.NONE, "", partitions, (short) replicationFactor);
            }
            TopicMetadata topic = store.createTopic(
                    new NewTopic(spec.name(), partitions, replicationFactor, spec.configs()));
            created.addAll(topic.partitions());
            return new TopicResult(spec.name(), ErrorCode.NONE, "", topic.partitionCount(),
                    (short) topic.replicationFactor());
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return new TopicResult(spec.name(), error.error(), error.message(), -1, (short) -1);
        }
    }

    private void validate(String name, int partitions, int replicationFactor) {
        if (store.topic(name).isPresent()) {
            throw ErrorCode.TOPIC_ALREADY_EXISTS.exception("topic " + name + " already exists");
        }
        if (name.isEmpty()) {
            throw ErrorCode.INVALID_TOPIC_EXCEPTION.exception("topic name must not be empty");
        }
        if (partitions < 1) {
            throw ErrorCode.INVALID_PARTITIONS.exception("number of partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1 || replicationFactor > cluster.liveBrokerCount()) {
            throw ErrorCode.INVALID_REPLICATION_FACTOR.exception("replication factor " + replicationFactor
                    + " must be within [1, " + cluster.liveBrokerCount() + "] (live brokers)");
        }
    }
}
