package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.config.DynamicBrokerConfig;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * This broker's dynamic config layers as the config handlers see them: the current ones, and a way to
 * wait until a layer written to ZooKeeper has reached them (so a DescribeConfigs sent after an alter is
 * answered sees it).
 *
 * <p>Implementations are thread-safe.
 */
public interface DynamicConfigSource {

    /** The layers the broker runs with now. */
    DynamicBrokerConfig current();

    /**
     * Completes once the layer of {@code entity} (this broker's id or {@code <default>}) equals
     * {@code configs}; at once when it already does.
     */
    CompletableFuture<Void> awaitLayer(String entity, Map<String, String> configs);
}
