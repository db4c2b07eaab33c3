package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a join: the generation, the chosen protocol, the leader's member id and this
 * member's id; only the leader receives {@code members} (with each one's protocol metadata) so it
 * can compute the assignment. Immutable (metadata arrays must not be modified).
 */
public record JoinGroupResponse(ErrorCode error, int generationId, String protocolType, String protocolName,
        String leader, String memberId, List<Member> members) implements ApiResponse {

    public JoinGroupResponse {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(protocolType, "protocolType");
        Objects.requireNonNull(protocolName, "protocolName");
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(memberId, "memberId");
        members = List.copyOf(members);
    }

    public static JoinGroupResponse error(ErrorCode error, String memberId) {
        return new JoinGroupResponse(error, -1, "", "", "", memberId, List.of());
    }

    public boolean isLeader() {
        return !memberId.isEmpty() && memberId.equals(leader);
    }

    /** One member as the leader sees it; equality compares the metadata bytes. */
    public record Member(String memberId, String clientId, String clientHost, byte[] metadata) {
        public Member {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientHost, "clientHost");
            Objects.requireNonNull(metadata, "metadata");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Member that && memberId.equals(that.memberId) && clientId.equals(that.clientId)
                    && clientHost.equals(that.clientHost) && Arrays.equals(metadata, that.metadata);
        }

        @Override
        public int hashCode() {
            return Objects.hash(memberId, clientId, clientHost) * 31 + Arrays.hashCode(metadata);
        }

        @Override
        public String toString() {
            return "Member[memberId=" + memberId + ", clientId=" + clientId + ", clientHost=" + clientHost
                    + ", metadata=" + metadata.length + " bytes]";
        }
    }
}
