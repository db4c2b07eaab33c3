package io.ferrymq.tools.reassign;

import io.ferrymq.common.TopicPartition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where {@code --execute --throttle} puts the replication throttle, as Kafka's tool does: the rate
 * ({@code leader.replication.throttled.rate} and {@code follower.replication.throttled.rate}) on every
 * broker holding a current or a target replica of a moved partition, and per topic
 * {@code leader.replication.throttled.replicas} = the current replicas of its moved partitions (they
 * serve the catch-up) and {@code follower.replication.throttled.replicas} = the replicas being added
 * (they fetch it), both as {@code partition:broker} lists. A partition whose replicas do not change
 * is not throttled. Pure. Immutable.
 *
 * @param brokers the brokers that get the rate
 * @param leaderReplicas per topic, the value of {@code leader.replication.throttled.replicas}
 * @param followerReplicas per topic, the value of {@code follower.replication.throttled.replicas}
 */
public record ReassignmentThrottle(Set<Integer> brokers, Map<String, String> leaderReplicas,
                                   Map<String, String> followerReplicas) {

    public static final String LEADER_RATE = "leader.replication.throttled.rate";
    public static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    public static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
    public static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";

    public ReassignmentThrottle {
        brokers = Set.copyOf(brokers);
        leaderReplicas = Map.copyOf(leaderReplicas);
        followerReplicas = Map.copyOf(followerReplicas);
    }

    /**
     * @param plan the targets
     * @param current each partition's replicas now
     */
    public static ReassignmentThrottle of(ReassignmentPlan plan, Map<TopicPartition, List<Integer>> current) {
        Set<Integer> brokers = new TreeSet<>();
        Map<String, Set<String>> leaders = new LinkedHashMap<>();
        Map<String, Set<String>> followers = new LinkedHashMap<>();
        plan.partitions().forEach((tp, target) -> {
            List<Integer> now = current.getOrDefault(tp, List.of());
            if (Set.copyOf(now).equals(Set.copyOf(target))) {
                return;
            }
            brokers.addAll(now);
            brokers.addAll(target);
            now.forEach(b -> leaders.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(tp.partition() + ":" + b));
            target.stream().filter(b -> !now.contains(b)).forEach(b ->
                    followers.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(tp.partition() + ":" + b));
        });
        return new ReassignmentThrottle(brokers, joined(leaders), joined(followers));
    }

    /** The topics that get throttled-replica lists. */
    public Set<String> topics() {
        Set<String> out = new TreeSet<>(leaderReplicas.keySet());
        out.addAll(followerReplicas.keySet());
        return out;
    }

    private static Map<String, String> joined(Map<String, Set<String>> lists) {
        Map<String, String> out = new LinkedHashMap<>();
        lists.forEach((topic, pairs) -> out.put(topic, pairs.stream().collect(Collectors.joining(","))));
        return out;
    }
}
