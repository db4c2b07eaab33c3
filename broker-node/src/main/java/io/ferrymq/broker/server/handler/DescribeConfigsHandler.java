package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest.Resource;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ResourceResult;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeConfigs for topics and brokers, as {@link ConfigDescriber} reports them: a topic's
 * overrides come from the metadata store's cache of {@code /topics/<topic>} (a topic unknown or
 * pending deletion is {@code UNKNOWN_TOPIC_OR_PARTITION}); a broker is described only by itself (its
 * id as the resource name, every key with its source); "" names the cluster-wide dynamic defaults,
 * which lists the keys set there; another broker's id, a name that is no id, and other resource types are
 * {@code INVALID_REQUEST}, as Kafka answers them. Errors are per resource.
 *
 * <p>Thread-safe.
 */
public final class DescribeConfigsHandler implements RequestHandler<DescribeConfigsRequest> {

    private final MetadataStore store;
    private final ConfigDescriber describer;

    public DescribeConfigsHandler(MetadataStore store, ConfigDescriber describer) {
        this.store = store;
        this.describer = describer;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    @Override
    public CompletableFuture<DescribeConfigsResponse> handle(RequestContext context, DescribeConfigsRequest request) {
        List<ResourceResult> results = request.resources().stream()
                .map(resource -> describe(resource, request.includeSynonyms(), request.includeDocumentation()))
                .toList();
        return CompletableFuture.completedFuture(new DescribeConfigsResponse(results));
    }

    @Override
    public ApiResponse errorResponse(DescribeConfigsRequest request, ErrorCode error, String message) {
        return new DescribeConfigsResponse(request.resources().stream()
                .map(resource -> failed(resource, error, message)).toList());
    }

    private ResourceResult describe(Resource resource, boolean synonyms, boolean documentation) {
        return switch (resource.type()) {
            case Resource.TOPIC -> topic(resource, synonyms, documentation);
            case Resource.BROKER -> broker(resource, synonyms, documentation);
            default -> failed(resource, ErrorCode.INVALID_REQUEST,
                    "Ferry describes topics (2) and brokers (4), not resource type " + resource.type());
        };
    }

    private ResourceResult topic(Resource resource, boolean synonyms, boolean documentation) {
        Optional<TopicMetadata> topic = store.topicsPendingDeletion().contains(resource.name()) ? Optional.empty()
                : store.topic(resource.name());
        if (topic.isEmpty()) {
            return failed(resource, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "topic '" + resource.name() + "' does not exist");
        }
        return new ResourceResult(resource.type(), resource.name(), ErrorCode.NONE, "",
                describer.topic(topic.get().configs(), resource.configNames(), synonyms, documentation));
    }

    private ResourceResult broker(Resource resource, boolean synonyms, boolean documentation) {
        if (resource.name().isEmpty()) {
            return new ResourceResult(resource.type(), resource.name(), ErrorCode.NONE, "",
                    describer.clusterDefault(resource.configNames(), synonyms, documentation));
        }
        if (!resource.name().equals(Integer.toString(describer.brokerId()))) {
            return failed(resource, ErrorCode.INVALID_REQUEST, "Unexpected broker id, expected "
                    + describer.brokerId() + " or empty string, but received " + resource.name());
        }
        return new ResourceResult(resource.type(), resource.name(), ErrorCode.NONE, "",
                describer.broker(resource.configNames(), synonyms, documentation));
    }

    private static ResourceResult failed(Resource resource, ErrorCode error, String message) {
        return new ResourceResult(resource.type(), resource.name(), error, message, List.of());
    }
}
