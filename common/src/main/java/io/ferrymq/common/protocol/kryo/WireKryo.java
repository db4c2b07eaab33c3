package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;

/**
 * A Kryo instance configured for the wire (registration required, no references, bounded depth)
 * together with the scratch state of one encode or decode: its output buffer, its input view and
 * the record section cursor. Taken from and returned to {@link KryoRegistry}'s pool; used by one
 * thread at a time.
 */
final class WireKryo extends Kryo {

    /** An output buffer that grew past this is replaced after use, so one huge message does not pin memory. */
    private static final int RETAINED_OUTPUT_BYTES = 1 << 20;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final RecordsCursor records = new RecordsCursor();
    private final ByteBufferInput input = new ByteBufferInput();
    private Output output = newOutput();

    WireKryo() {
        setRegistrationRequired(true);
        setReferences(false);
        setMaxDepth(16);
    }

    RecordsCursor records() {
        return records;
    }

    ByteBufferInput input() {
        return input;
    }

    Output output() {
        return output;
    }

    /** Drops per-message state before the instance goes back to the pool. */
    void resetScratch() {
        records.clear();
        input.setBuffer(EMPTY);
        if (output.getBuffer().length > RETAINED_OUTPUT_BYTES) {
            output = newOutput();
        } else {
            output.reset();
        }
    }

    private static Output newOutput() {
        return new Output(4096, -1);
    }
}
