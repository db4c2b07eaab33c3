package io.ferrymq.broker.server.handler;

import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import io.ferrymq.coordinator.metadata.TopicValidator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pure rule of a topic config change: the new override map of a resource (a {@code replaceAll}
 * resource's SET operations exactly, otherwise its operations applied to the current overrides),
 * accepted only if every key whose override it adds, changes or removes is one the brokers apply to
 * their live logs ({@link #LIVE_KEYS}) and every value is valid for the topic's replication factor
 * ({@link TopicValidator}). A refusal is an {@link io.ferrymq.common.errors.ApiException}:
 * {@code INVALID_CONFIG} naming the key (or the APPEND/SUBTRACT operation, which only list configs
 * take, and no live key is a list), {@code INVALID_REQUEST} for an unknown operation code.
 *
 * <p>Stateless and thread-safe.
 */
final class TopicConfigChange {

    /** The topic configs a change of which the brokers apply to their live logs. */
    static final Set<String> LIVE_KEYS = Set.of(TopicConfigKeys.MIN_INSYNC_REPLICAS, TopicConfigKeys.COMPRESSION_TYPE);

    private static final String LIVE_LIST = new TreeSet<>(LIVE_KEYS).toString();

    private TopicConfigChange() {
    }

    /** The overrides {@code resource} makes of {@code current}, or an ApiException saying why it may not. */
    static Map<String, String> apply(Map<String, String> current, Resource resource, int replicationFactor) {
        Map<String, String> updated = resource.replaceAll() ? new HashMap<>() : new HashMap<>(current);
        for (Operation op : resource.ops()) {
            apply(op, updated);
        }
        Set<String> touched = new HashSet<>(updated.keySet());
        touched.addAll(current.keySet());
        for (String key : new TreeSet<>(touched)) {
            if (!Objects.equals(updated.get(key), current.get(key)) && !LIVE_KEYS.contains(key)) {
                throw ErrorCode.INVALID_CONFIG.exception("topic config '" + key + "' cannot be changed: Ferry does"
                        + " not apply it to live logs yet (issue 21); it applies " + LIVE_LIST);
            }
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
                            + "': only list configs can be appended to or subtracted from, and of the configs"
                            + " Ferry applies to live logs " + LIVE_LIST + " none is a list");
            default -> throw ErrorCode.INVALID_REQUEST.exception("unknown config operation " + op.op()
                    + " on '" + op.key() + "'");
        }
    }
}
