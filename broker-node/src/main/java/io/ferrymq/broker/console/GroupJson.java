package io.ferrymq.broker.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.client.consumer.internals.group.GroupDetails;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Builds the console's consumer-group views from what {@code ferry groups describe} prints
 * ({@link GroupDetails}): the summary row of {@code /api/groups} and the page of
 * {@code /api/groups/<id>} (members and their assignment, per partition the committed offset, log
 * end offset, lag and owner, and the lag of the last minutes). Unknown offsets are JSON nulls.
 * Stateless.
 */
public final class GroupJson {

    private GroupJson() {
    }

    /** One row of the group list: state, member count and lag summed over the partitions that have one. */
    public static ObjectNode summary(GroupDetails group) {
        ObjectNode row = Json.object().put("groupId", group.groupId()).put("state", group.state());
        row.put("protocolType", group.protocolType()).put("members", group.members().size());
        return row.put("totalLag", totalLag(group));
    }

    /** The whole group with its lag history (oldest first). */
    public static ObjectNode details(GroupDetails group, List<LagHistory.Point> history) {
        ObjectNode root = summary(group).put("protocol", group.protocol());
        ArrayNode members = root.putArray("members");
        for (GroupDetails.Member m : group.members()) {
            ObjectNode member = members.addObject().put("memberId", m.memberId()).put("clientId", m.clientId());
            member.put("host", m.host()).put("assignment", String.join(",", m.assignment().stream().map(GroupJson::name).toList()));
        }
        ArrayNode partitions = root.putArray("partitions");
        for (GroupDetails.PartitionOffsets p : group.partitions()) {
            ObjectNode row = partitions.addObject().put("topic", p.partition().topic()).put("partition", p.partition().partition());
            row.put("committed", p.committed().orElse(null)).put("logEndOffset", p.logEndOffset().orElse(null));
            row.put("lag", p.lag().orElse(null)).put("owner", p.owner().orElse(null));
        }
        ArrayNode points = root.putArray("lagHistory");
        history.forEach(point -> points.addObject().put("timeMs", point.timeMs()).put("lag", point.lag()));
        return root;
    }

    static long totalLag(GroupDetails group) {
        return group.partitions().stream().map(GroupDetails.PartitionOffsets::lag).flatMap(Optional::stream)
                .mapToLong(Long::longValue).sum();
    }

    private static String name(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }
}
