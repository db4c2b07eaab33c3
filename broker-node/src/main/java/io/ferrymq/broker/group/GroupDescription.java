package io.ferrymq.broker.group;

import java.util.List;

/**
 * A snapshot of one group for DescribeGroups and tools: state, generation, protocol and members.
 * Immutable and thread-safe.
 */
public record GroupDescription(String groupId, GroupState state, int generationId, String protocolType,
                               String protocol, String leaderId, List<MemberDescription> members) {

    public GroupDescription {
        members = List.copyOf(members);
    }

    /** One member: ids, where it connects from, its metadata for the chosen protocol and its assignment. */
    public record MemberDescription(String memberId, String clientId, String clientHost,
                                    byte[] metadata, byte[] assignment) {
    }
}
