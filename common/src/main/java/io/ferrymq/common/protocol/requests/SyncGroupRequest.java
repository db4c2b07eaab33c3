package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finish a rebalance: the leader sends every member's assignment, the others an empty list; each
 * member gets its own assignment back. Immutable (assignment arrays must not be modified).
 */
public record SyncGroupRequest(String groupId, int generationId, String memberId, String protocolType,
        String protocolName, List<Assignment> assignments) implements ApiRequest {

    public SyncGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(protocolType, "protocolType");
        Objects.requireNonNull(protocolName, "protocolName");
        assignments = List.copyOf(assignments);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.SYNC_GROUP;
    }

    /** One member's opaque assignment; equality compares the bytes. */
    public record Assignment(String memberId, byte[] assignment) {
        public Assignment {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(assignment, "assignment");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Assignment that && memberId.equals(that.memberId)
                    && Arrays.equals(assignment, that.assignment);
        }

        @Override
        public int hashCode() {
            return 31 * memberId.hashCode() + Arrays.hashCode(assignment);
        }

        @Override
        public String toString() {
            return "Assignment[memberId=" + memberId + ", assignment=" + assignment.length + " bytes]";
        }
    }
}
