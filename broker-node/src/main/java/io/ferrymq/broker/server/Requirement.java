package io.ferrymq.broker.server;

import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Optional;

/**
 * One permission a request needs ({@link AccessRules} lists them per API) and the error a denial
 * answers with.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface Requirement {

    /** The error a denial of this requirement answers with. */
    ErrorCode deniedError();

    /** The topic this requirement is about, when it is about exactly one (a denial then drops only it). */
    Optional<String> topic();

    /** {@code operation} on one named resource. */
    record On(AclOperation operation, ResourceType type, String name) implements Requirement {

        static On cluster(AclOperation operation) {
            return new On(operation, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
        }

        static On topic(AclOperation operation, String topic) {
            return new On(operation, ResourceType.TOPIC, topic);
        }

        static On group(AclOperation operation, String group) {
            return new On(operation, ResourceType.GROUP, group);
        }

        @Override
        public ErrorCode deniedError() {
            return switch (type) {
                case TOPIC -> ErrorCode.TOPIC_AUTHORIZATION_FAILED;
                case GROUP -> ErrorCode.GROUP_AUTHORIZATION_FAILED;
                case CLUSTER, ANY -> ErrorCode.CLUSTER_AUTHORIZATION_FAILED;
            };
        }

        @Override
        public Optional<String> topic() {
            return type == ResourceType.TOPIC ? Optional.of(name) : Optional.empty();
        }
    }

    /** {@code operation} on at least one resource of {@code type} (Kafka's authorizeByResourceType). */
    record AnyOf(AclOperation operation, ResourceType type) implements Requirement {

        @Override
        public ErrorCode deniedError() {
            return new On(operation, type, "*").deniedError();
        }

        @Override
        public Optional<String> topic() {
            return Optional.empty();
        }
    }

    /** {@code first} (checked without an audit line), else {@code second}; a denial answers {@code deniedError}. */
    record Either(Requirement first, Requirement second, ErrorCode deniedError) implements Requirement {

        @Override
        public Optional<String> topic() {
            return second.topic();
        }
    }
}
