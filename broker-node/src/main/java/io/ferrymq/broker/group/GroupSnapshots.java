package io.ferrymq.broker.group;

import io.ferrymq.broker.group.GroupDescription.MemberDescription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds {@link GroupDescription}s from a group's members. Stateless and thread-safe. */
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
}
