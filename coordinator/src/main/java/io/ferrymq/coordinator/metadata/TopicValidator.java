package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pure validation of topic requests, with Kafka's rules: names of {@code [a-zA-Z0-9._-]}, at most
 * {@value #MAX_NAME_LENGTH} characters, not {@code .} or {@code ..}; at least one partition; a
 * replication factor within [1, live brokers]; config overrides with values of the right type
 * ({@link TopicConfigKeys#validate}: unknown and unimplemented keys are refused), and
 * {@code min.insync.replicas} not above the replication factor; an explicit
 * assignment instead of counts is checked by {@link ReplicaAssignmentValidator}. Every failure
 * is an {@link io.ferrymq.common.errors.ApiException} with the matching {@link ErrorCode} and a
 * message naming the bad value. Stateless and thread-safe.
 */
public final class TopicValidator {

    public static final int MAX_NAME_LENGTH = 249;
    public static final String MIN_INSYNC_REPLICAS = TopicConfigKeys.MIN_INSYNC_REPLICAS;

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicValidator() {
    }

    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw ErrorCode.INVALID_TOPIC_EXCEPTION.exception("topic name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw ErrorCode.INVALID_TOPIC_EXCEPTION.exception("topic name cannot be '.' or '..'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ErrorCode.INVALID_TOPIC_EXCEPTION.exception("topic name is " + name.length()
                    + " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
        }
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw ErrorCode.INVALID_TOPIC_EXCEPTION.exception("topic name '" + name
                    + "' is illegal: only ASCII letters, digits, '.', '_' and '-' are allowed");
        }
    }

    /**
     * Checks a creation request against the live brokers: the name, then the counts or the explicit
     * assignment, then the configs.
     *
     * @return the replication factor the topic will have
     */
    public static int validateNewTopic(NewTopic request, Set<Integer> liveBrokers) {
        validateName(request.name());
        int replicationFactor;
        if (request.hasExplicitAssignment()) {
            replicationFactor = ReplicaAssignmentValidator.validate(request.assignment(), liveBrokers);
        } else {
            validatePartitions(request.partitions());
            validateReplicationFactor(request.replicationFactor(), liveBrokers.size());
            replicationFactor = request.replicationFactor();
        }
        validateConfigs(request.configs(), replicationFactor);
        return replicationFactor;
    }

    public static void validatePartitions(int partitions) {
        if (partitions < 1) {
            throw ErrorCode.INVALID_PARTITIONS.exception("number of partitions must be at least 1, was " + partitions);
        }
    }

    public static void validateReplicationFactor(int replicationFactor, int liveBrokers) {
        if (replicationFactor < 1) {
            throw ErrorCode.INVALID_REPLICATION_FACTOR.exception("replication factor must be at least 1, was "
                    + replicationFactor);
        }
        if (replicationFactor > liveBrokers) {
            throw ErrorCode.INVALID_REPLICATION_FACTOR.exception("replication factor " + replicationFactor
                    + " is larger than the number of live brokers (" + liveBrokers + ")");
        }
    }

    /** Checks every override's key and value, and min.insync.replicas against the replication factor. */
    public static void validateConfigs(Map<String, String> configs, int replicationFactor) {
        int minIsr;
        try {
            TopicConfigKeys.validate(configs);
            minIsr = TopicConfigKeys.minInsyncReplicas(configs).orElse(1);
        } catch (ConfigException e) {
            throw ErrorCode.INVALID_CONFIG.exception(e.getMessage());
        }
        if (minIsr > replicationFactor) {
            throw ErrorCode.INVALID_CONFIG.exception(MIN_INSYNC_REPLICAS + "=" + minIsr
                    + " is larger than the replication factor " + replicationFactor);
        }
    }
}
