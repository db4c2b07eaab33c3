package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A described group for tools: state, protocol, members with their assignment, and per partition
 * (assigned or committed) the committed offset, log end offset, lag and owner. Offsets unknown
 * are empty. Immutable and thread-safe.
 */
public record GroupDetails(String groupId, String state, String protocolType, String protocol,
                           List<Member> members, List<PartitionOffsets> partitions) {

    public GroupDetails {
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }

    public record Member(String memberId, String clientId, String host, List<TopicPartition> assignment) {
        public Member {
            assignment = List.copyOf(assignment);
        }
    }

    public record PartitionOffsets(TopicPartition partition, Optional<Long> committed, Optional<Long> logEndOffset,
                                   Optional<Long> lag, Optional<String> owner) {
    }

    static GroupDetails of(DescribeGroupsResponse.DescribedGroup group, Map<TopicPartition, Long> committed,
                           Map<TopicPartition, Long> logEnd) {
        List<Member> members = new ArrayList<>();
        Map<TopicPartition, String> owners = new HashMap<>();
        for (DescribeGroupsResponse.Member m : group.members()) {
            List<TopicPartition> assigned = m.assignment().length == 0 ? List.of()
                    : ConsumerProtocol.decodeAssignment(m.assignment()).partitions();
            assigned.forEach(tp -> owners.put(tp, m.memberId()));
            members.add(new Member(m.memberId(), m.clientId(), m.clientHost(), assigned));
        }
        TreeSet<TopicPartition> all = new TreeSet<>(committed.keySet());
        all.addAll(owners.keySet());
        List<PartitionOffsets> partitions = new ArrayList<>();
        for (TopicPartition tp : all) {
            Optional<Long> c = Optional.ofNullable(committed.get(tp));
            Optional<Long> end = Optional.ofNullable(logEnd.get(tp));
            Optional<Long> lag = c.isPresent() && end.isPresent() ? Optional.of(Math.max(0, end.get() - c.get())) : Optional.empty();
            partitions.add(new PartitionOffsets(tp, c, end, lag, Optional.ofNullable(owners.get(tp))));
        }
        return new GroupDetails(group.groupId(), group.state(), group.protocolType(), group.protocolName(), members, partitions);
    }
}
