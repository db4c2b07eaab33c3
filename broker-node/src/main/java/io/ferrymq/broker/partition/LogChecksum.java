package io.ferrymq.broker.partition;

import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC-32C of a replica's log bytes over whole batches in {@code [logStartOffset, upToOffset)}:
 * batches whose last offset is below the requested offset, read in chunks from the log start.
 * Followers append the leader's batches byte for byte (offsets, leader epoch and CRC included), so two
 * replicas agree exactly when they hold the same committed prefix. A batch that straddles the
 * requested offset is left out and {@code upToOffset} tells where the covered batches end.
 * Immutable; {@link #compute} reads the log like any reader (no lock), so a truncation racing
 * with it gives a checksum of whatever it read.
 *
 * @param logStartOffset the first offset covered
 * @param upToOffset the offset after the last covered batch
 * @param checksum CRC-32C over the covered batches' bytes
 */
public record LogChecksum(long logStartOffset, long upToOffset, long checksum) {

    private static final int CHUNK_BYTES = 1 << 20;

    /** The checksum of {@code log} up to {@code upToOffset}, which must not exceed its log end offset. */
    public static LogChecksum compute(ReplicaLog log, long upToOffset) {
        long start = log.logStartOffset();
        if (upToOffset > log.logEndOffset()) {
            throw new IllegalArgumentException("offset " + upToOffset + " is past the log end " + log.logEndOffset());
        }
        CRC32C crc = new CRC32C();
        long next = start;
        while (next < upToOffset) {
            ByteBuffer chunk = log.read(next, CHUNK_BYTES, upToOffset, true).toByteBuffer();
            long before = next;
            for (RecordBatch batch : RecordBatches.wrap(chunk)) {
                if (batch.lastOffset() < next) {
                    continue;
                }
                if (batch.lastOffset() >= upToOffset) {
                    break;
                }
                crc.update(batch.buffer().duplicate());
                next = batch.nextOffset();
            }
            if (next == before) {
                break;
            }
        }
        return new LogChecksum(start, Math.max(start, Math.min(next, upToOffset)), crc.getValue());
    }
}
