package io.ferrymq.broker.console;

import io.ferrymq.broker.security.Action;
import io.ferrymq.broker.security.Authorizer;
import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.ResourceType;
import java.util.List;
import java.util.Optional;

/**
 * One change the console can make, and the ACL permission it needs, as the request path demands
 * of the Kafka request that makes the same change: creating a topic needs CREATE on the cluster or
 * on the topic (CreateTopics), adding partitions ALTER on the topic (CreatePartitions), deleting a
 * topic DELETE on it (DeleteTopics), deleting a group DELETE on the group (DeleteGroups).
 * {@link #refusal} asks the broker's {@link Authorizer} for the logged-in principal, so each
 * decision is audited and counted as a client's would be.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ConsoleAlteration {

    /** The operations, any one of which allows this change. */
    List<Permission> permissions();

    /** The Kafka API whose ACL rule this is (named in the broker's audit line). */
    String apiName();

    /**
     * Empty when {@code principal} (connected from {@code host}) may make this change; otherwise
     * the 403 message, naming the missing permission.
     */
    default Optional<String> refusal(Authorizer authorizer, Principal principal, String host) {
        List<Permission> alternatives = permissions();
        for (int i = 0; i < alternatives.size(); i++) {
            Permission p = alternatives.get(i);
            Action action = new Action(principal, host, p.operation(), p.type(), p.name(), "Console" + apiName());
            boolean last = i == alternatives.size() - 1;
            // alternatives before the last are tried silently, as the request path does
            if ((last ? authorizer.authorize(action) : authorizer.decide(action)).allowed()) {
                if (!last) {
                    authorizer.authorize(action);
                }
                return Optional.empty();
            }
        }
        return Optional.of(principal + " is not authorized: needs " + String.join(" or ",
                alternatives.stream().map(Permission::toString).toList()));
    }

    /** An operation on one resource. */
    record Permission(AclOperation operation, ResourceType type, String name) {

        static Permission cluster(AclOperation operation) {
            return new Permission(operation, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME);
        }

        @Override
        public String toString() {
            return operation + " on " + type.zkName() + " '" + name + "'";
        }
    }

    /** Create topic {@code topic} with {@code partitions} partitions of {@code replicationFactor} replicas. */
    record CreateTopic(String topic, int partitions, short replicationFactor) implements ConsoleAlteration {
        @Override
        public List<Permission> permissions() {
            return List.of(Permission.cluster(AclOperation.CREATE), new Permission(AclOperation.CREATE, ResourceType.TOPIC, topic));
        }

        @Override
        public String apiName() {
            return "CreateTopics";
        }
    }

    /** Grow {@code topic} to {@code totalPartitions} partitions. */
    record AddPartitions(String topic, int totalPartitions) implements ConsoleAlteration {
        @Override
        public List<Permission> permissions() {
            return List.of(new Permission(AclOperation.ALTER, ResourceType.TOPIC, topic));
        }

        @Override
        public String apiName() {
            return "CreatePartitions";
        }
    }

    /** Delete {@code topic}. */
    record DeleteTopic(String topic) implements ConsoleAlteration {
        @Override
        public List<Permission> permissions() {
            return List.of(new Permission(AclOperation.DELETE, ResourceType.TOPIC, topic));
        }

        @Override
        public String apiName() {
            return "DeleteTopics";
        }
    }

    /** Delete consumer group {@code groupId} (the broker refuses one that has members). */
    record DeleteGroup(String groupId) implements ConsoleAlteration {
        @Override
        public List<Permission> permissions() {
            return List.of(new Permission(AclOperation.DELETE, ResourceType.GROUP, groupId));
        }

        @Override
        public String apiName() {
            return "DeleteGroups";
        }
    }
}
