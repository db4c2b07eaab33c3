package io.ferrymq.broker.log.producer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Kafka's producer-state snapshot format (the {@code <offset>.snapshot} files, version 1), byte for
 * byte, big-endian:
 * <pre>
 *   version: int16 (1)
 *   crc: uint32, CRC-32C of every byte after this field
 *   producer_entries: int32 count, then per producer:
 *     producer_id int64, epoch int16, last_sequence int32, last_offset int64,
 *     offset_delta int32, timestamp int64, coordinator_epoch int32 (-1), current_txn_first_offset int64 (-1)
 * </pre>
 * As in Kafka, a snapshot keeps a producer's latest batch only; the batches before it come back
 * only from the log replayed after the snapshot. Stateless and thread-safe.
 */
public final class ProducerSnapshotCodec {

    public static final short VERSION = 1;

    private static final int HEADER_SIZE = 2 + 4 + 4;
    private static final int CRC_START = 2 + 4;
    private static final int ENTRY_SIZE = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;
    private static final int NO_COORDINATOR_EPOCH = -1;
    private static final long NO_TXN_FIRST_OFFSET = -1L;

    private ProducerSnapshotCodec() {
    }

    /** The snapshot of {@code entries}, positioned at 0. */
    public static ByteBuffer encode(Collection<ProducerStateEntry> entries) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_SIZE + entries.size() * ENTRY_SIZE);
        buffer.putShort(VERSION).putInt(0).putInt(entries.size());
        for (ProducerStateEntry entry : entries) {
            BatchMetadata last = entry.lastBatch();
            buffer.putLong(entry.producerId()).putShort(entry.epoch()).putInt(last.lastSeq())
                    .putLong(last.lastOffset()).putInt(last.offsetDelta()).putLong(last.maxTimestamp())
                    .putInt(NO_COORDINATOR_EPOCH).putLong(NO_TXN_FIRST_OFFSET);
        }
        buffer.putInt(2, (int) crcOf(buffer.array()));
        return buffer.flip();
    }

    /**
     * The entries of a snapshot, each holding its producer's latest batch.
     *
     * @throws CorruptSnapshotException a cut file, another version, a wrong CRC or count
     */
    public static List<ProducerStateEntry> decode(ByteBuffer snapshot) {
        ByteBuffer buffer = snapshot.slice();
        if (buffer.remaining() < HEADER_SIZE) {
            throw new CorruptSnapshotException("snapshot of " + buffer.remaining()
                    + " bytes is shorter than its header");
        }
        short version = buffer.getShort(0);
        if (version != VERSION) {
            throw new CorruptSnapshotException("snapshot version " + version + " is not " + VERSION);
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        long crc = Integer.toUnsignedLong(buffer.getInt(2));
        if (crc != crcOf(bytes)) {
            throw new CorruptSnapshotException("snapshot CRC " + crc + " does not match its content");
        }
        int count = buffer.getInt(CRC_START);
        if (count < 0 || (long) count * ENTRY_SIZE != buffer.remaining() - HEADER_SIZE) {
            throw new CorruptSnapshotException("snapshot declares " + count + " producers in "
                    + (buffer.remaining() - HEADER_SIZE) + " bytes");
        }
        buffer.position(HEADER_SIZE);
        List<ProducerStateEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(readEntry(buffer));
        }
        return entries;
    }

    private static ProducerStateEntry readEntry(ByteBuffer buffer) {
        long producerId = buffer.getLong();
        short epoch = buffer.getShort();
        int lastSeq = buffer.getInt();
        long lastOffset = buffer.getLong();
        int offsetDelta = buffer.getInt();
        long timestamp = buffer.getLong();
        buffer.getInt();
        buffer.getLong();
        if (producerId < 0 || offsetDelta < 0 || lastOffset - offsetDelta < 0) {
            throw new CorruptSnapshotException("snapshot entry of producer " + producerId + " has last offset "
                    + lastOffset + " and offset delta " + offsetDelta);
        }
        int firstSeq = ProducerBatch.decrementSequence(lastSeq, offsetDelta);
        return new ProducerStateEntry(producerId, epoch, List.of(
                new BatchMetadata(firstSeq, lastSeq, lastOffset - offsetDelta, lastOffset, timestamp)));
    }

    private static long crcOf(byte[] snapshot) {
        CRC32C crc = new CRC32C();
        crc.update(snapshot, CRC_START, snapshot.length - CRC_START);
        return crc.getValue();
    }
}
