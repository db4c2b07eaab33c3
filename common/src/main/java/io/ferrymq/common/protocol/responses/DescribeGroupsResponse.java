package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per group: its state (Kafka's names: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead),
 * protocol type and name, and members with client id, host, metadata and assignment. Immutable
 * (byte arrays must not be modified).
 */
public record DescribeGroupsResponse(List<DescribedGroup> groups) implements ApiResponse {

    public DescribeGroupsResponse {
        groups = List.copyOf(groups);
    }

    public record DescribedGroup(ErrorCode error, String groupId, String state, String protocolType,
            String protocolName, List<Member> members) {
        public DescribedGroup {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(protocolType, "protocolType");
            Objects.requireNonNull(protocolName, "protocolName");
            members = List.copyOf(members);
        }
    }

    /** One member; equality compares the byte arrays. */
    public record Member(String memberId, String clientId, String clientHost, byte[] metadata, byte[] assignment) {
        public Member {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientHost, "clientHost");
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(assignment, "assignment");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Member that && memberId.equals(that.memberId) && clientId.equals(that.clientId)
                    && clientHost.equals(that.clientHost) && Arrays.equals(metadata, that.metadata)
                    && Arrays.equals(assignment, that.assignment);
        }

        @Override
        public int hashCode() {
            return (Objects.hash(memberId, clientId, clientHost) * 31 + Arrays.hashCode(metadata)) * 31
                    + Arrays.hashCode(assignment);
        }

        @Override
        public String toString() {
            return "Member[memberId=" + memberId + ", clientId=" + clientId + ", clientHost=" + clientHost
                    + ", metadata=" + metadata.length + " bytes, assignment=" + assignment.length + " bytes]";
        }
    }
}
