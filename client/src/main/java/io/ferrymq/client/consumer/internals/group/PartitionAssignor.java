package io.ferrymq.client.consumer.internals.group;

import java.util.Map;

/**
 * A strategy the group leader runs to split the subscribed topics' partitions among the members
 * ({@code partition.assignment.strategy}). Implementations are pure: the same input gives the
 * same output, with no I/O, so every member could compute it; only the leader does.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface PartitionAssignor {

    /** The protocol name announced in JoinGroup, e.g. {@code range}. */
    String name();

    /**
     * @param partitionsPerTopic partition count of every subscribed topic that exists; topics
     *     missing from the map are skipped
     * @param subscriptions member id → subscription, for every member of the generation
     * @return member id → assignment, with an entry (possibly empty) for every member
     */
    Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic, Map<String, Subscription> subscriptions);
}
