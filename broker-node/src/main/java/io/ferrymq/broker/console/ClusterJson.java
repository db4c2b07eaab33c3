package io.ferrymq.broker.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.client.admin.TopicDescription;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.json.Json;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the console's cluster and topic views (the bodies of {@code /api/cluster} and
 * {@code /api/topics}) from the topics as {@code ferry topics describe} sees them and the brokers'
 * {@link BrokerState}s. A partition is <em>offline</em> when it has no leader or its leader is down,
 * <em>under-replicated</em> when its ISR is smaller than its replica set. A broker that appears
 * only in replica sets (never seen registered) is listed as down. Sizes are the leader's log size;
 * rates are summed over the brokers. Stateless.
 */
public final class ClusterJson {

    private ClusterJson() {
    }

    /** {@code /api/cluster}: brokers with leaders and replicas each, ZooKeeper sessions, partition counts. */
    public static ObjectNode cluster(String clusterId, int self, Map<Integer, BrokerState> brokers,
                                     Collection<TopicDescription> topics) {
        List<PartitionInfo> partitions = partitions(topics);
        Set<Integer> up = upBrokers(brokers);
        ObjectNode root = Json.object().put("clusterId", clusterId).put("self", self);
        ArrayNode list = root.putArray("brokers");
        for (int id : allBrokerIds(brokers, partitions)) {
            BrokerState state = brokers.get(id);
            ObjectNode b = list.addObject().put("id", id).put("status", up.contains(id) ? "up" : "down");
            b.put("leaders", partitions.stream().filter(p -> p.leader().isPresent() && p.leader().getAsInt() == id).count());
            b.put("replicas", partitions.stream().filter(p -> p.replicas().contains(id)).count());
            if (state != null) {
                b.put("host", state.host()).put("port", state.port()).put("registered", state.registered());
                b.put("rack", state.rack().orElse(null)).put("adminUrl", state.adminUrl().orElse(null));
                state.reachable().ifPresent(r -> b.put("reachable", r));
                b.put("zooKeeperSession", state.metrics().flatMap(MetricsSnapshot::zooKeeperState).orElse(null));
            }
        }
        root.put("topics", topics.size()).put("partitions", partitions.size());
        root.put("underReplicated", partitions.stream().filter(PartitionInfo::isUnderReplicated).count());
        root.put("offline", partitions.stream().filter(p -> isOffline(p, up)).count());
        return root;
    }

    /** {@code /api/topics}: per topic its partitions (leader, replicas, ISR, size) and rates. */
    public static ArrayNode topics(Map<Integer, BrokerState> brokers, Collection<TopicDescription> topics) {
        Set<Integer> up = upBrokers(brokers);
        ArrayNode list = Json.array();
        for (TopicDescription topic : topics) {
            ObjectNode t = list.addObject().put("name", topic.name());
            t.put("messagesInPerSec", sumRate(brokers, BrokerMetricNames.forTopic(BrokerMetricNames.MESSAGES_IN, topic.name()).encode()));
            t.put("bytesInPerSec", sumRate(brokers, BrokerMetricNames.forTopic(BrokerMetricNames.BYTES_IN, topic.name()).encode()));
            t.put("bytesOutPerSec", sumRate(brokers, BrokerMetricNames.forTopic(BrokerMetricNames.BYTES_OUT, topic.name()).encode()));
            long total = 0;
            ArrayNode parts = t.putArray("partitions");
            for (PartitionInfo p : topic.partitions()) {
                ObjectNode n = parts.addObject().put("partition", p.partition());
                if (p.leader().isPresent()) {
                    n.put("leader", p.leader().getAsInt());
                } else {
                    n.putNull("leader");
                }
                n.put("leaderEpoch", p.leaderEpoch()).put("replicas", join(p.replicas())).put("isr", join(p.isr()));
                n.put("offlineReplicas", join(p.offlineReplicas()));
                n.put("underReplicated", p.isUnderReplicated()).put("offline", isOffline(p, up));
                long size = leaderLogSize(brokers, p);
                total += Math.max(size, 0);
                n.put("sizeBytes", size < 0 ? null : size);
            }
            t.put("sizeBytes", total);
        }
        return list;
    }

    static boolean isOffline(PartitionInfo p, Set<Integer> up) {
        return p.leader().isEmpty() || !up.contains(p.leader().getAsInt());
    }

    private static long leaderLogSize(Map<Integer, BrokerState> brokers, PartitionInfo p) {
        if (p.leader().isEmpty() || !brokers.containsKey(p.leader().getAsInt())) {
            return -1;
        }
        String key = BrokerMetricNames.logSize(p.topicPartition()).encode();
        return brokers.get(p.leader().getAsInt()).metrics().flatMap(m -> m.gauge(key)).map(Math::round).orElse(-1L);
    }

    private static double sumRate(Map<Integer, BrokerState> brokers, String key) {
        double sum = brokers.values().stream().filter(BrokerState::isUp).mapToDouble(b -> b.rate(key)).sum();
        return Math.round(sum * 10) / 10.0;
    }

    private static Set<Integer> upBrokers(Map<Integer, BrokerState> brokers) {
        return brokers.values().stream().filter(BrokerState::isUp).map(BrokerState::id).collect(Collectors.toSet());
    }

    private static Set<Integer> allBrokerIds(Map<Integer, BrokerState> brokers, List<PartitionInfo> partitions) {
        Set<Integer> ids = new TreeSet<>(brokers.keySet());
        partitions.forEach(p -> ids.addAll(p.replicas()));
        return ids;
    }

    private static List<PartitionInfo> partitions(Collection<TopicDescription> topics) {
        return topics.stream().flatMap(t -> t.partitions().stream()).toList();
    }

    private static String join(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
