package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kafka's round-robin assignor: every partition of every subscribed topic, sorted by topic then
 * partition, goes to the next member in member-id order that subscribes to its topic. With equal
 * subscriptions the member counts differ by at most one. Stateless and thread-safe.
 */
public final class RoundRobinAssignor implements PartitionAssignor {

    public static final String NAME = "roundrobin";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Assignment> assign(Map<String, Integer> partitionsPerTopic,
                                          Map<String, Subscription> subscriptions) {
        List<String> members = new ArrayList<>(new TreeSet<>(subscriptions.keySet()));
        Map<String, List<TopicPartition>> assigned = new TreeMap<>();
        members.forEach(member -> assigned.put(member, new ArrayList<>()));
        int next = 0;
        for (TopicPartition tp : allPartitions(partitionsPerTopic, subscriptions)) {
            for (int tries = 0; tries < members.size(); tries++) {
                String member = members.get(next);
                next = (next + 1) % members.size();
                if (subscriptions.get(member).topics().contains(tp.topic())) {
                    assigned.get(member).add(tp);
                    break;
                }
            }
        }
        Map<String, Assignment> result = new TreeMap<>();
        assigned.forEach((member, partitions) -> result.put(member, new Assignment(partitions)));
        return result;
    }

    private static List<TopicPartition> allPartitions(Map<String, Integer> partitionsPerTopic,
                                                      Map<String, Subscription> subscriptions) {
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(subscription -> topics.addAll(subscription.topics()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            int count = partitionsPerTopic.getOrDefault(topic, 0);
            for (int p = 0; p < count; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }
}
