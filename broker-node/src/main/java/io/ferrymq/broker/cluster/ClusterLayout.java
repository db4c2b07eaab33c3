package io.ferrymq.broker.cluster;

import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import java.util.Comparator;

/** Renders brokers and one topic's partitions (leader, epoch, replicas, ISR) as a small text table. Stateless. */
public final class ClusterLayout {

    private ClusterLayout() {
    }

    public static String render(MetadataResponse md, String topic) {
        StringBuilder sb = new StringBuilder();
        md.brokers().stream().sorted(Comparator.comparingInt(BrokerNode::id)).forEach(b ->
                sb.append(String.format("  broker %d  %s:%d%n", b.id(), b.host(), b.port())));
        md.topics().stream().filter(t -> t.name().equals(topic)).forEach(t -> {
            sb.append(String.format("  %-12s %-9s %-7s %-6s %-12s %s%n", "topic", "partition", "leader", "epoch", "replicas", "isr"));
            t.partitions().stream().sorted(Comparator.comparingInt(PartitionMetadata::partition)).forEach(p ->
                    sb.append(String.format("  %-12s %-9d %-7s %-6d %-12s %s%n", t.name(), p.partition(),
                            p.leaderId() == PartitionMetadata.NO_LEADER ? "none" : Integer.toString(p.leaderId()),
                            p.leaderEpoch(), p.replicas(), p.isr())));
        });
        return sb.toString();
    }
}
