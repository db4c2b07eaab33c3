package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Arrays;
import java.util.Objects;

/** This member's assignment (opaque bytes of the chosen protocol). Immutable; equality compares the bytes. */
public record SyncGroupResponse(ErrorCode error, String protocolType, String protocolName, byte[] assignment)
        implements ApiResponse {

    public SyncGroupResponse {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(protocolType, "protocolType");
        Objects.requireNonNull(protocolName, "protocolName");
        Objects.requireNonNull(assignment, "assignment");
    }

    public static SyncGroupResponse error(ErrorCode error) {
        return new SyncGroupResponse(error, "", "", new byte[0]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncGroupResponse that && error == that.error && protocolType.equals(that.protocolType)
                && protocolName.equals(that.protocolName) && Arrays.equals(assignment, that.assignment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, protocolType, protocolName) * 31 + Arrays.hashCode(assignment);
    }

    @Override
    public String toString() {
        return "SyncGroupResponse[error=" + error + ", protocolType=" + protocolType + ", protocolName=" + protocolName
                + ", assignment=" + assignment.length + " bytes]";
    }
}
