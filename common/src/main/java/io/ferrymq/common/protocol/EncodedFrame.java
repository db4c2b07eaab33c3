package io.ferrymq.common.protocol;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;

/**
 * One frame ready to write: {@code head} holds the length prefix, the header and the serialized body;
 * {@code records} are the raw record bytes that follow it on the wire, in order (memory buffers, or
 * file slices the server sends with zero copy). The length prefix already counts them.
 *
 * <p>The frame owns one reference to {@code head}: whoever writes it passes that on to the channel,
 * whoever drops it calls {@link #release()}. Not thread-safe.
 */
public record EncodedFrame(ByteBuf head, List<RecordSource> records) {

    public EncodedFrame {
        Objects.requireNonNull(head, "head");
        records = List.copyOf(records);
    }

    /** Bytes on the wire, length prefix included. */
    public long totalBytes() {
        long total = head.readableBytes();
        for (RecordSource source : records) {
            total += source.sizeInBytes();
        }
        return total;
    }

    public void release() {
        head.release();
    }
}
