package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The Kryo serializer registered for every top-level wire message: delegates to the message's
 * {@link RecordCodec}. Kryo's own {@code RecordSerializer} works with registration too, but writes a
 * class id before every non-final component value (every list element, every {@code List} itself),
 * needs the JDK's internal immutable collection classes registered, and cannot check that a decoded
 * {@code List<Integer>} holds integers; this one writes components by their declared generic types.
 * Immutable and thread-safe; only works with {@link WireKryo}.
 */
final class WireRecordSerializer<T> extends Serializer<T> {

    private final ValueCodec codec;

    WireRecordSerializer(Class<T> type) {
        super(false, true);
        this.codec = ValueCodecs.forRecord(type);
    }

    @Override
    public void write(Kryo kryo, Output output, T object) {
        codec.write((WireKryo) kryo, output, object);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        return (T) codec.read((WireKryo) kryo, input);
    }
}
