package io.ferrymq.broker.server.handler;

import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import io.ferrymq.coordinator.metadata.TopicValidator;
import java.util.HashMap;
import java.util.Map;

/**
 * The pure rule of a topic config change: the new override map of a resource (a {@code replaceAll}
 * resource's SET operations exactly, otherwise its operations applied to the current overrides),
 * accepted only if every override it leaves is one the brokers apply to their live logs (a key of
 * {@link TopicConfigKeys}) with a value valid for the topic's replication factor
 * ({@link TopicValidator}); removing any override is allowed. A refusal is an
 * {@link io.ferrymq.common.errors.ApiException}: {@code INVALID_CONFIG} naming the key (one Ferry does
 * not implement, an unknown one, a bad value) or the APPEND/SUBTRACT operation (its one list config,
 * {@code cleanup.policy}, is SET whole), {@code INVALID_REQUEST} for an unknown
 * operation code.
 *
 * <p>Stateless and thread-safe.
 */
final class TopicConfigChange {

    private TopicConfigChange() {
    }

    /** The overrides {@code resource} makes of {@code current}, or an ApiException saying why it may not. */
    static Map<String, String> apply(Map<String, String> current, Resource resource, int replicationFactor) {
        Map<String, String> updated = resource.replaceAll() ? new HashMap<>() : new HashMap<>(current);
        for (Operation op : resource.ops()) {
            apply(op, updated);
        }
        TopicValidator.validateConfigs(updated, replicationFactor);
        return Map.copyOf(updated);
    }

    private static void apply(Operation op, Map<String, String> configs) {
        switch (op.op()) {
            case Operation.SET -> configs.put(op.key(), op.value());
            case Operation.DELETE -> configs.remove(op.key());
            case Operation.APPEND, Operation.SUBTRACT -> throw ErrorCode.INVALID_CONFIG.exception(
                    (op.op() == Operation.APPEND ? "APPEND" : "SUBTRACT") + " on topic config '" + op.key()
                            + "': Ferry does not append to or subtract from topic configs; SET the whole list"
                            + " (cleanup.policy=compact,delete)");
            default -> throw ErrorCode.INVALID_REQUEST.exception("unknown config operation " + op.op()
                    + " on '" + op.key() + "'");
        }
    }
}
