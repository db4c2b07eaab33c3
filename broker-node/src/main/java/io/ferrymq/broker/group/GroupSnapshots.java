package io.ferrymq.broker.group;

import io.ferrymq.broker.group.GroupDescription.MemberDescription;
import io.ferrymq.common.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds {@link GroupDescription}s and {@link JoinResult}s from a group's members. Stateless and thread-safe. */
final class GroupSnapshots {

    GroupDescription describe(String groupId, GroupState state, int generationId, String protocolType,
                              String protocol, String leaderId, Collection<Member> members) {
        List<MemberDescription> described = new ArrayList<>();
        for (Member m : members) {
            described.add(new MemberDescription(m.memberId, m.clientId, m.clientHost, m.metadata(protocol),
                    m.assignment));
        }
        return new GroupDescription(groupId, state, generationId, protocolType, protocol, leaderId, described);
    }

    /** A successful JoinGroup answer; only the leader's lists every member with its metadata for {@code protocol}. */
    JoinResult joinResult(Member member, Collection<Member> members, int generationId, String protocol, String leaderId) {
        List<JoinResult.MemberProtocol> all = new ArrayList<>();
        if (member.memberId.equals(leaderId)) {
            members.forEach(m -> all.add(new JoinResult.MemberProtocol(m.memberId, m.metadata(protocol))));
        }
        return new JoinResult(ErrorCode.NONE, generationId, protocol, leaderId, member.memberId, all);
    }
}
