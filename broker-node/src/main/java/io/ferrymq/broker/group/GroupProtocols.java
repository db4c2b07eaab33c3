package io.ferrymq.broker.group;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Protocol negotiation over a group's members: the candidates are the protocols every member
 * supports; each member votes for its most preferred candidate; the most votes wins (ties go to
 * the alphabetically first name, so the choice is deterministic). Stateless and thread-safe.
 */
final class GroupProtocols {

    private GroupProtocols() {
    }

    /** Protocols supported by every member except {@code excludedMemberId}. */
    static Set<String> candidates(Collection<Member> members, String excludedMemberId) {
        Set<String> candidates = null;
        for (Member member : members) {
            if (member.memberId.equals(excludedMemberId)) {
                continue;
            }
            Set<String> names = new HashSet<>();
            member.protocols.forEach(p -> names.add(p.name()));
            if (candidates == null) {
                candidates = names;
            } else {
                candidates.retainAll(names);
            }
        }
        return candidates == null ? Set.of() : candidates;
    }

    /**
     * Whether a joining member fits the group: same protocol type and at least one protocol every
     * other member supports (always true when it would be alone).
     */
    static boolean isCompatible(JoinRequest request, Collection<Member> members, String groupProtocolType) {
        boolean alone = members.stream().allMatch(m -> m.memberId.equals(request.memberId()));
        if (alone) {
            return true;
        }
        Set<String> shared = candidates(members, request.memberId());
        return request.protocolType().equals(groupProtocolType)
                && request.protocols().stream().anyMatch(p -> shared.contains(p.name()));
    }

    static String select(Collection<Member> members) {
        Set<String> candidates = candidates(members, "");
        Map<String, Integer> votes = new TreeMap<>();
        members.forEach(m -> m.vote(candidates).ifPresent(name -> votes.merge(name, 1, Integer::sum)));
        return votes.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("members share no protocol"));
    }
}
