package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse.ResourceResult;
import io.ferrymq.coordinator.brokerconfig.ZkBrokerConfigs;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.TopicListener;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * AlterConfigs and IncrementalAlterConfigs for topics and brokers, with one rule: a change that is
 * accepted takes effect live. A topic's ({@link TopicConfigChange} computes the new overrides and
 * refuses keys Ferry does not implement; DESIGN.md, "Topic configs") is written through
 * {@link MetadataStore#alterTopicConfigs} unless {@code validateOnly}; an unknown topic, or one pending
 * deletion, is {@code UNKNOWN_TOPIC_OR_PARTITION}. A broker's (its id, or "" for the cluster-wide
 * default) changes the dynamic broker configs ({@link BrokerConfigWriter}; DESIGN.md, "Dynamic broker
 * configs and throttling"). Any other resource type is {@code INVALID_REQUEST}. Errors are per
 * resource. The answer waits (up to {@value #CACHE_WAIT_MS} ms) until the store's cache shows every
 * written topic map and this broker runs with every written broker layer, so a DescribeConfigs sent
 * after it sees the change.
 *
 * <p>Thread-safe: waiters are added on request threads and completed on the store's event thread.
 */
public final class IncrementalAlterConfigsHandler implements RequestHandler<IncrementalAlterConfigsRequest>,
        TopicListener {

    static final long CACHE_WAIT_MS = 10_000;

    private final MetadataStore store;
    private final BrokerConfigWriter brokers;
    private final Collection<Written> written = new CopyOnWriteArrayList<>();

    /** Registers itself as a listener of {@code store}; broker resources go to {@code brokerConfigs}. */
    public IncrementalAlterConfigsHandler(MetadataStore store, ZkBrokerConfigs brokerConfigs,
                                          DynamicConfigSource layers) {
        this.store = store;
        this.brokers = new BrokerConfigWriter(brokerConfigs, layers);
        store.addListener(this);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public CompletableFuture<IncrementalAlterConfigsResponse> handle(RequestContext context,
                                                                     IncrementalAlterConfigsRequest request) {
        List<CompletableFuture<?>> visible = new ArrayList<>();
        List<ResourceResult> results = request.resources().stream()
                .map(resource -> alter(resource, request.validateOnly(), visible))
                .toList();
        return CompletableFuture.allOf(visible.toArray(CompletableFuture[]::new))
                .orTimeout(CACHE_WAIT_MS, TimeUnit.MILLISECONDS)
                .handle((ignored, timeout) -> new IncrementalAlterConfigsResponse(results));
    }

    @Override
    public void onTopicChanged(TopicMetadata topic) {
        for (Written write : written) {
            write.check(topic);
        }
    }

    @Override
    public ApiResponse errorResponse(IncrementalAlterConfigsRequest request, ErrorCode error, String message) {
        return new IncrementalAlterConfigsResponse(request.resources().stream()
                .map(resource -> new ResourceResult(resource.type(), resource.name(), error, message)).toList());
    }

    private ResourceResult alter(Resource resource, boolean validateOnly, List<CompletableFuture<?>> visible) {
        return switch (resource.type()) {
            case Resource.TOPIC -> topic(resource, validateOnly, visible);
            case Resource.BROKER -> broker(resource, validateOnly, visible);
            default -> result(resource, ErrorCode.INVALID_REQUEST,
                    "Ferry alters topic (2) and broker (4) configs, not resource type " + resource.type());
        };
    }

    private ResourceResult topic(Resource resource, boolean validateOnly, List<CompletableFuture<?>> visible) {
        Optional<TopicMetadata> current = store.topicsPendingDeletion().contains(resource.name()) ? Optional.empty()
                : store.topic(resource.name());
        if (current.isEmpty()) {
            return result(resource, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                    "topic '" + resource.name() + "' does not exist");
        }
        try {
            Map<String, String> updated = TopicConfigChange.apply(current.get().configs(), resource,
                    current.get().replicationFactor());
            if (!validateOnly && !updated.equals(current.get().configs())) {
                visible.add(write(resource.name(), updated));
            }
            return result(resource, ErrorCode.NONE, "");
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return result(resource, error.error(), error.message());
        }
    }

    private ResourceResult broker(Resource resource, boolean validateOnly, List<CompletableFuture<?>> visible) {
        try {
            visible.add(brokers.alter(resource, validateOnly));
            return result(resource, ErrorCode.NONE, "");
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return result(resource, error.error(), error.message());
        }
    }

    /** Writes the overrides; the future completes once the cache shows them. */
    private CompletableFuture<Void> write(String topic, Map<String, String> configs) {
        Written write = new Written(topic, configs, new CompletableFuture<>());
        written.add(write);
        write.done().whenComplete((ignored, failure) -> written.remove(write));
        try {
            store.alterTopicConfigs(topic, configs);
        } catch (RuntimeException e) {
            write.done().complete(null);
            throw e;
        }
        store.topic(topic).ifPresent(write::check);
        return write.done();
    }

    private static ResourceResult result(Resource resource, ErrorCode error, String message) {
        return new ResourceResult(resource.type(), resource.name(), error, message);
    }

    /** A written override map, done once the store's cache shows it for the topic. */
    private record Written(String topic, Map<String, String> configs, CompletableFuture<Void> done) {
        void check(TopicMetadata seen) {
            if (seen.name().equals(topic) && seen.configs().equals(configs)) {
                done.complete(null);
            }
        }
    }
}
