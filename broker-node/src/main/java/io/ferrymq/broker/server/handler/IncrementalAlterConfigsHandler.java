package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse.ResourceResult;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.TopicListener;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import io.ferrymq.coordinator.metadata.TopicValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * AlterConfigs and IncrementalAlterConfigs for topics, with one rule: a change that is accepted takes
 * effect on the live logs. The topic's new override map is computed (a {@code replaceAll} resource's
 * SET operations exactly; otherwise the operations applied to the current overrides); every key whose
 * override it adds, changes or removes must be one the brokers apply to live logs
 * ({@link #LIVE_KEYS}), else the resource is {@code INVALID_CONFIG} naming the key (issue 21). APPEND
 * and SUBTRACT are for list configs, of which none is live, so they are refused the same way. Values
 * are checked by {@link TopicValidator} against the topic's replication factor; the map is then
 * written through {@link MetadataStore#alterTopicConfigs} unless {@code validateOnly}. An unknown
 * topic, or one pending deletion, is {@code UNKNOWN_TOPIC_OR_PARTITION}; a broker resource
 * {@code INVALID_REQUEST} (no dynamic broker configs); other resource types {@code INVALID_REQUEST}.
 * Errors are per resource. The answer waits (up to {@value #CACHE_WAIT_MS} ms) until the store's cache
 * shows every written map, so a DescribeConfigs sent after it sees the change.
 *
 * <p>Thread-safe: waiters are added on request threads and completed on the store's event thread.
 */
public final class IncrementalAlterConfigsHandler implements RequestHandler<IncrementalAlterConfigsRequest>,
        TopicListener {

    static final long CACHE_WAIT_MS = 10_000;

    /** The topic configs a change of which the brokers apply to their live logs. */
    public static final Set<String> LIVE_KEYS = Set.of(TopicConfigKeys.MIN_INSYNC_REPLICAS,
            TopicConfigKeys.COMPRESSION_TYPE);

    private static final String LIVE_LIST = new TreeSet<>(LIVE_KEYS).toString();

    private final MetadataStore store;
    private final Collection<Written> written = new CopyOnWriteArrayList<>();

    /** Registers itself as a listener of {@code store}. */
    public IncrementalAlterConfigsHandler(MetadataStore store) {
        this.store = store;
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
        try {
            switch (resource.type()) {
                case Resource.TOPIC -> topic(resource, validateOnly, visible);
                case Resource.BROKER -> throw ErrorCode.INVALID_REQUEST.exception(
                        "dynamic broker configs are not implemented (issue 21)");
                default -> throw ErrorCode.INVALID_REQUEST.exception(
                        "Ferry alters topic configs (resource type 2), not resource type " + resource.type());
            }
            return new ResourceResult(resource.type(), resource.name(), ErrorCode.NONE, "");
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.toApiError(e);
            return new ResourceResult(resource.type(), resource.name(), error.error(), error.message());
        }
    }

    private void topic(Resource resource, boolean validateOnly, List<CompletableFuture<?>> visible) {
        TopicMetadata current = (store.topicsPendingDeletion().contains(resource.name()) ? null
                : store.topic(resource.name()).orElse(null));
        if (current == null) {
            throw ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("topic '" + resource.name() + "' does not exist");
        }
        Map<String, String> updated = resource.replaceAll() ? new HashMap<>() : new HashMap<>(current.configs());
        for (Operation op : resource.ops()) {
            apply(op, updated);
        }
        Set<String> touched = new HashSet<>(updated.keySet());
        touched.addAll(current.configs().keySet());
        for (String key : new TreeSet<>(touched)) {
            if (!Objects.equals(updated.get(key), current.configs().get(key)) && !LIVE_KEYS.contains(key)) {
                throw ErrorCode.INVALID_CONFIG.exception("topic config '" + key + "' cannot be changed: Ferry does"
                        + " not apply it to live logs yet (issue 21); it applies " + LIVE_LIST);
            }
        }
        TopicValidator.validateConfigs(updated, current.replicationFactor());
        if (!validateOnly && !updated.equals(current.configs())) {
            Written write = new Written(resource.name(), Map.copyOf(updated), new CompletableFuture<>());
            written.add(write);
            write.done().whenComplete((ignored, failure) -> written.remove(write));
            visible.add(write.done());
            try {
                store.alterTopicConfigs(resource.name(), updated);
            } catch (RuntimeException e) {
                write.done().complete(null);
                throw e;
            }
            store.topic(resource.name()).ifPresent(write::check);
        }
    }

    /** A written override map, done once the store's cache shows it for the topic. */
    private record Written(String topic, Map<String, String> configs, CompletableFuture<Void> done) {
        void check(TopicMetadata seen) {
            if (seen.name().equals(topic) && seen.configs().equals(configs)) {
                done.complete(null);
            }
        }
    }

    private static void apply(Operation op, Map<String, String> configs) {
        switch (op.op()) {
            case Operation.SET -> configs.put(op.key(), op.value());
            case Operation.DELETE -> configs.remove(op.key());
            case Operation.APPEND, Operation.SUBTRACT -> throw ErrorCode.INVALID_CONFIG.exception(
                    (op.op() == Operation.APPEND ? "APPEND" : "SUBTRACT") + " on topic config '" + op.key()
                            + "': only list configs can be appended to or subtracted from, and of the configs"
                            + " Ferry applies to live logs " + LIVE_LIST + " none is a list");
            default -> throw ErrorCode.INVALID_REQUEST.exception("unknown config operation " + op.op()
                    + " on '" + op.key() + "'");
        }
    }
}
