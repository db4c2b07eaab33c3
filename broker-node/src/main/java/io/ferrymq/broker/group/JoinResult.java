package io.ferrymq.broker.group;

import io.ferrymq.common.errors.ErrorCode;
import java.util.List;

/**
 * The answer to a JoinGroup. The leader's result lists every member with its metadata for the
 * chosen protocol; other members get an empty list. Immutable and thread-safe.
 */
public record JoinResult(ErrorCode error, int generationId, String protocolName, String leaderId,
                         String memberId, List<MemberProtocol> members) {

    public JoinResult {
        members = List.copyOf(members);
    }

    public static JoinResult error(ErrorCode error, String memberId) {
        return new JoinResult(error, -1, "", "", memberId, List.of());
    }

    /** A member id with its metadata for the chosen protocol. */
    public record MemberProtocol(String memberId, byte[] metadata) {
    }
}
