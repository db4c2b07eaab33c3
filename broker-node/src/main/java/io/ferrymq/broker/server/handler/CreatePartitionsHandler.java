package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest.TopicSpec;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse.TopicResult;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * CreatePartitions: grows topics through the {@link MetadataStore} (which validates the count and
 * assigns the new replicas), per-topic errors, then waits like {@link CreateTopicsHandler} for the
 * new partitions' leaders up to {@code timeoutMs}. {@code validateOnly} checks without growing.
 *
 * <p>Thread-safe.
 */
public final class CreatePartitionsHandler implements RequestHandler<CreatePartitionsRequest> {

    private final MetadataStore store;
    private final LeaderWaiter leaderWaiter;

    public CreatePartitionsHandler(MetadataStore store, LeaderWaiter leaderWaiter) {
        this.store = store;
        this.leaderWaiter = leaderWaiter;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_PARTITIONS;
    }

    @Override
    public CompletableFuture<CreatePartitionsResponse> handle(RequestContext context,
                                                              CreatePartitionsRequest request) {
        List<TopicResult> results = new ArrayList<>();
        List<TopicPartition> added = new ArrayList<>();
        for (TopicSpec spec : request.topics()) {
            results.add(grow(spec, request.validateOnly(), added));
        }
        if (added.isEmpty() || request.timeoutMs() <= 0) {
            return CompletableFuture.completedFuture(new CreatePartitionsResponse(results));
        }
        return leaderWaiter.awaitLeaders(added, Duration.ofMillis(request.timeoutMs()))
                .handle((ignored, timeout) -> new CreatePartitionsResponse(results));
    }

    @Override
    public ApiResponse errorResponse(CreatePartitionsRequest request, ErrorCode error, String message) {
        return new CreatePartitionsResponse(request.topics().stream()
                .map(spec -> new TopicResult(spec.name(), error, message))
                .toList());
    }

    private TopicResult grow(TopicSpec spec, boolean validateOnly, List<TopicPartition> added) {
        try {
            TopicMetadata current = store.topic(spec.name()).orElseThrow(() ->
                    ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("topic " + spec.name() + " does not exist"));
            if (spec.totalCount() <= current.partitionCount()) {
                throw ErrorCode.INVALID_PARTITIONS.exception("topic " + spec.name() + " has "
                        + current.partitionCount() + " partitions; the new count must be larger, was "
                        + spec.totalCount());
            }
            if (!validateOnly) {
                TopicMetadata grown = store.addPartitions(spec.name(), spec.totalCount());
                added.addAll(grown.partitions().subList(current.partitionCount(), grown.partitionCount()));
            }
            return new TopicResult(spec.name(), ErrorCode.NONE, "");
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return new TopicResult(spec.name(), error.error(), error.message());
        }
    }
}
