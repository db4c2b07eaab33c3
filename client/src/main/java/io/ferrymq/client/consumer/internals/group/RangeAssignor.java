package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka's range assignor: topic by topic, the members subscribed to the topic, sorted by member
 * id, take consecutive ranges of its partitions; the first {@code partitions % members} members
 * get one extra. Co-partitioned topics therefore land on the same member. Stateless and
 * thread-safe.
 */
public final class RangeAssignor implements PartitionAssignor {

    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic,
                                          Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> assigned = new TreeMap<>();
        subscriptions.keySet().forEach(member -> assigned.put(member, new ArrayList<>()));
        for (Map.Entry<String, List<String>> entry : membersPerTopic(subscriptions).entrySet()) {
            Integer partitionCount = partitionsPerTopic.get(entry.getKey());
            if (partitionCount != null) {
                assignTopic(entry.getKey(), partitionCount, entry.getValue(), assigned);
            }
        }
        Map<String, Assignment> result = new TreeMap<>();
        assigned.forEach((member, partitions) -> result.put(member, new Assignment(partitions)));
        return result;
    }

    private static void assignTopic(String topic, int partitionCount, List<String> members,
                                    Map<String, List<TopicPartition>> assigned) {
        int perMember = partitionCount / members.size();
        int extra = partitionCount % members.size();
        for (int i = 0; i < members.size(); i++) {
            int start = perMember * i + Math.min(i, extra);
            int length = perMember + (i < extra ? 1 : 0);
            for (int p = start; p < start + length; p++) {
                assigned.get(members.get(i)).add(new TopicPartition(topic, p));
            }
        }
    }

    /** Topic → sorted member ids subscribed to it. */
    static Map<String, List<String>> membersPerTopic(Map<String, Subscription> subscriptions) {
        Map<String, List<String>> result = new TreeMap<>();
        new TreeMap<>(subscriptions).forEach((member, subscription) -> {
            for (String topic : subscription.topics()) {
                List<String> members = result.computeIfAbsent(topic, t -> new ArrayList<>());
                if (!members.contains(member)) {
                    members.add(member);
                }
            }
        });
        return result;
    }
}
