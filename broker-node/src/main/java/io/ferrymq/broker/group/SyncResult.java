package io.ferrymq.broker.group;

import io.ferrymq.common.errors.ErrorCode;

/** The answer to a SyncGroup: an error or this member's assignment bytes. Immutable by convention. */
public record SyncResult(ErrorCode error, byte[] assignment) {

    public static SyncResult error(ErrorCode error) {
        return new SyncResult(error, new byte[0]);
    }
}
