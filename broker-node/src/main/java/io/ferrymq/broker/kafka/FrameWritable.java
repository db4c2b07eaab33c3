package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.protocol.Writable;

/**
 * Where a Kafka message is written to become an {@link EncodedFrame}: fields go into the frame's head
 * until the first records, then into small heap buffers between records; records
 * ({@link FerryRecords}, or Kafka's {@link MemoryRecords}) are not copied but become parts of the
 * frame of their own. Varints are Kafka's (unsigned LEB128, signed ones zig-zag encoded). Single use,
 * not thread-safe.
 */
final class FrameWritable implements Writable {

    private final ByteBuf head;
    private final List<RecordSource> parts = new ArrayList<>();
    private ByteBuf current;

    FrameWritable(ByteBuf head) {
        this.head = head;
        this.current = head;
    }

    @Override
    public void writeRecords(BaseRecords records) {
        RecordSource source;
        if (records instanceof FerryRecords ferry) {
            source = ferry.source();
        } else if (records instanceof MemoryRecords memory) {
            source = RecordSource.of(memory.buffer());
        } else {
            throw new IllegalArgumentException("cannot write records of type " + records.getClass().getName());
        }
        if (source.sizeInBytes() == 0) {
            return;
        }
        closeChunk();
        parts.add(source);
        current = Unpooled.buffer(64);
    }

    /** The frame: the head, then the records and the bytes between them in order. */
    EncodedFrame finish() {
        closeChunk();
        return new EncodedFrame(head, parts);
    }

    private void closeChunk() {
        if (current != head && current.isReadable()) {
            parts.add(RecordSource.of(current.nioBuffer()));
        }
    }

    @Override
    public void writeByte(byte val) {
        current.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        current.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        current.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        current.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        current.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        current.writeBytes(arr);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        current.writeBytes(buf.duplicate());
    }

    @Override
    public void writeUnsignedVarint(int i) {
        int value = i;
        while ((value & 0xFFFFFF80) != 0) {
            current.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        current.writeByte(value);
    }

    @Override
    public void writeVarint(int i) {
        writeUnsignedVarint((i << 1) ^ (i >> 31));
    }

    @Override
    public void writeVarlong(long i) {
        long value = (i << 1) ^ (i >> 63);
        while ((value & 0xFFFFFFFFFFFFFF80L) != 0L) {
            current.writeByte(((int) value & 0x7F) | 0x80);
            value >>>= 7;
        }
        current.writeByte((int) value);
    }
}
