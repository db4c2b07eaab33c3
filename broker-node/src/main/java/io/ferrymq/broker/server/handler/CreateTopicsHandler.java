package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse.TopicResult;
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
 * CreateTopics through the {@link MetadataStore}, which validates names, counts or an explicit
 * replica assignment, and configs, and assigns replicas unless they were given; its errors are
 * reported per topic. Counts of -1 take the broker defaults; with an explicit assignment both must
 * be -1 ({@code INVALID_REQUEST} otherwise, as in Kafka). A name given twice in one request is
 * refused for both. The response is sent once the created
 * partitions have leaders or {@code timeoutMs} passed (the topics exist either way; clients retry
 * on {@code LEADER_NOT_AVAILABLE}). {@code validateOnly} checks without creating.
 *
 * <p>Thread-safe.
 */
public final class CreateTopicsHandler implements RequestHandler<CreateTopicsRequest> {

    private final MetadataStore store;
    private final LeaderWaiter leaderWaiter;
    private final TopicDefaults defaults;

    public CreateTopicsHandler(MetadataStore store, LeaderWaiter leaderWaiter, TopicDefaults defaults) {
        this.store = store;
        this.leaderWaiter = leaderWaiter;
        this.defaults = defaults;
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
        try {
            NewTopic request = toNewTopic(spec);
            if (validateOnly) {
                store.validateNewTopic(request);
                return request.hasExplicitAssignment()
                        ? success(spec, request.assignment().size(), request.assignment().get(0).size())
                        : success(spec, request.partitions(), request.replicationFactor());
            }
            TopicMetadata topic = store.createTopic(request);
            created.addAll(topic.partitions());
            return success(spec, topic.partitionCount(), topic.replicationFactor());
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return new TopicResult(spec.name(), error.error(), error.message(), -1, (short) -1);
        }
    }

    private NewTopic toNewTopic(TopicSpec spec) {
        if (spec.assignment().isEmpty()) {
            int partitions = spec.numPartitions() == -1 ? defaults.numPartitions() : spec.numPartitions();
            int replicationFactor = spec.replicationFactor() == -1 ? defaults.replicationFactor()
                    : spec.replicationFactor();
            return new NewTopic(spec.name(), partitions, replicationFactor, spec.configs());
        }
        if (spec.numPartitions() != -1 || spec.replicationFactor() != -1) {
            throw ErrorCode.INVALID_REQUEST.exception("topic " + spec.name() + ": numPartitions ("
                    + spec.numPartitions() + ") and replicationFactor (" + spec.replicationFactor()
                    + ") must both be -1 when a replica assignment is given");
        }
        return NewTopic.withAssignment(spec.name(), spec.assignment(), spec.configs());
    }

    private static TopicResult success(TopicSpec spec, int partitions, int replicationFactor) {
        return new TopicResult(spec.name(), ErrorCode.NONE, "", partitions, (short) replicationFactor);
    }
}
