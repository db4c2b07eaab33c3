package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.KryoException;
import io.ferrymq.common.protocol.RecordSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw record section of the frame being encoded or decoded by one {@link WireKryo}: while
 * encoding it collects the {@link RecordSource}s in body order; while decoding it hands out
 * consecutive slices of the section and lets the codec check that all of it was claimed.
 * Not thread-safe (one per Kryo instance, used by one thread at a time).
 */
final class RecordsCursor {

    private final List<RecordSource> written = new ArrayList<>();
    private long writtenBytes;
    private ByteBuffer section = ByteBuffer.allocate(0);

    void beginWrite() {
        written.clear();
        writtenBytes = 0;
    }

    void add(RecordSource source) {
        written.add(source);
        writtenBytes += source.sizeInBytes();
    }

    List<RecordSource> written() {
        return List.copyOf(written);
    }

    long writtenBytes() {
        return writtenBytes;
    }

    void beginRead(ByteBuffer recordSection) {
        section = recordSection.slice();
    }

    /** The next {@code size} bytes of the section, as a view. */
    ByteBuffer take(int size) {
        if (size < 0 || size > section.remaining()) {
            throw new KryoException("body names " + size + " record bytes but only " + section.remaining()
                    + " remain in the frame");
        }
        ByteBuffer slice = section.slice(section.position(), size);
        section.position(section.position() + size);
        return slice;
    }

    int unclaimedBytes() {
        return section.remaining();
    }

    void clear() {
        written.clear();
        writtenBytes = 0;
        section = ByteBuffer.allocate(0);
    }
}
