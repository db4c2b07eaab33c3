package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse.TopicResult;
import io.ferrymq.coordinator.metadata.MetadataStore;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteTopics: marks each topic for deletion in the {@link MetadataStore} (the hosting brokers then
 * drop their replicas; see the store's deletion protocol). Refused with {@code INVALID_REQUEST} when
 * {@code delete.topic.enable} is false; an unknown topic is {@code UNKNOWN_TOPIC_OR_PARTITION}.
 * Errors are per topic.
 *
 * <p>Thread-safe.
 */
public final class DeleteTopicsHandler implements RequestHandler<DeleteTopicsRequest> {

    private final MetadataStore store;
    private final TopicDefaults defaults;

    public DeleteTopicsHandler(MetadataStore store, TopicDefaults defaults) {
        this.store = store;
        this.defaults = defaults;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_TOPICS;
    }

    @Override
    public CompletableFuture<DeleteTopicsResponse> handle(RequestContext context, DeleteTopicsRequest request) {
        if (!defaults.deleteTopicEnabled()) {
            return CompletableFuture.completedFuture(errorResponse(request, ErrorCode.INVALID_REQUEST,
                    "topic deletion is disabled on this broker (delete.topic.enable=false)"));
        }
        return CompletableFuture.completedFuture(new DeleteTopicsResponse(request.topics().stream()
                .distinct()
                .map(this::delete)
                .toList()));
    }

    @Override
    public DeleteTopicsResponse errorResponse(DeleteTopicsRequest request, ErrorCode error, String message) {
        return new DeleteTopicsResponse(request.topics().stream()
                .map(name -> new TopicResult(name, error, message))
                .toList());
    }

    private TopicResult delete(String name) {
        try {
            if (store.topic(name).isEmpty() || store.topicsPendingDeletion().contains(name)) {
                return new TopicResult(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "topic " + name + " does not exist");
            }
            store.deleteTopic(name);
            return new TopicResult(name, ErrorCode.NONE, "");
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return new TopicResult(name, error.error(), error.message());
        }
    }
}
