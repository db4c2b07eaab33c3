package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.config.DynamicBrokerConfig;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import java.util.HashMap;
import java.util.Map;

/**
 * The pure rule of a dynamic broker config change, as {@link TopicConfigChange} is for topics: the new
 * map of one dynamic layer (a broker's, or the cluster-wide default) after a resource's operations (a
 * {@code replaceAll} resource's SET operations exactly). Every key an operation names, set or deleted,
 * must be a dynamic broker key with a valid value ({@link DynamicBrokerConfig#validateDynamic}): a
 * read-only or unknown key is {@code INVALID_CONFIG} naming it. No dynamic broker key is a list, so
 * APPEND and SUBTRACT are {@code INVALID_CONFIG} too; an unknown operation code is {@code INVALID_REQUEST}.
 *
 * <p>Stateless and thread-safe.
 */
final class BrokerConfigChange {

    private BrokerConfigChange() {
    }

    /** The layer {@code resource} makes of {@code current}, or an ApiException (or ConfigException) saying why not. */
    static Map<String, String> apply(Map<String, String> current, Resource resource) {
        resource.ops().forEach(op -> DynamicBrokerConfig.requireDynamic(op.key()));
        Map<String, String> updated = resource.replaceAll() ? new HashMap<>() : new HashMap<>(current);
        for (Operation op : resource.ops()) {
            switch (op.op()) {
                case Operation.SET -> updated.put(op.key(), op.value());
                case Operation.DELETE -> updated.remove(op.key());
                case Operation.APPEND, Operation.SUBTRACT -> throw ErrorCode.INVALID_CONFIG.exception(
                        (op.op() == Operation.APPEND ? "APPEND" : "SUBTRACT") + " on broker config '" + op.key()
                                + "': no dynamic broker config is a list; use SET");
                default -> throw ErrorCode.INVALID_REQUEST.exception("unknown config operation " + op.op()
                        + " on '" + op.key() + "'");
            }
        }
        DynamicBrokerConfig.validateDynamic(updated);
        return Map.copyOf(updated);
    }
}
