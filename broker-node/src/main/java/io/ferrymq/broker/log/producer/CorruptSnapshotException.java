package io.ferrymq.broker.log.producer;

/** A producer-state snapshot that is cut, of an unknown version or fails its CRC. */
public final class CorruptSnapshotException extends RuntimeException {

    public CorruptSnapshotException(String message) {
        super(message);
    }
}
