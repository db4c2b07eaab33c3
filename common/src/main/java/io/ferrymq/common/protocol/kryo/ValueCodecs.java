package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ValueCodec}s for every type a wire record may hold: {@code int}/{@code long} (zigzag
 * varints), {@code short}, {@code byte}, {@code boolean}, {@code String} (UTF-8, nullable),
 * {@code byte[]}, {@link ErrorCode} (its stable code, never the ordinal), {@link RecordSource}
 * (a byte count here, the bytes beside the body), {@code List}, {@code Map}, {@code Optional} and
 * nested records. Any other type is refused when the registry is built. Thread-safe.
 */
final class ValueCodecs {

    /** Most elements a decoded list or map may declare; far above any real request. */
    static final int MAX_COLLECTION_SIZE = 1 << 20;
    /** Longest decoded string in UTF-8 bytes. */
    static final int MAX_STRING_BYTES = 1 << 20;

    private static final Map<Class<?>, ValueCodec> RECORDS = new ConcurrentHashMap<>();

    private ValueCodecs() {
    }

    static ValueCodec forType(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return forParameterized(parameterized);
        }
        if (!(type instanceof Class<?> raw)) {
            throw new IllegalArgumentException("Unsupported wire type " + type);
        }
        ValueCodec simple = forSimpleClass(raw);
        if (simple != null) {
            return simple;
        }
        if (raw.isRecord()) {
            return forRecord(raw);
        }
        throw new IllegalArgumentException("Unsupported wire type " + raw.getName()
                + " (allowed: primitives, String, byte[], ErrorCode, RecordSource, List, Map, Optional, records)");
    }

    static ValueCodec forRecord(Class<?> recordType) {
        ValueCodec existing = RECORDS.get(recordType);
        if (existing != null) {
            return existing;
        }
        ValueCodec built = new RecordCodec(recordType);
        ValueCodec raced = RECORDS.putIfAbsent(recordType, built);
        return raced != null ? raced : built;
    }

    private static ValueCodec forSimpleClass(Class<?> type) {
        if (type == int.class) {
            return LeafCodec.INT;
        } else if (type == long.class) {
            return LeafCodec.LONG;
        } else if (type == short.class) {
            return LeafCodec.SHORT;
        } else if (type == byte.class) {
            return LeafCodec.BYTE;
        } else if (type == boolean.class) {
            return LeafCodec.BOOLEAN;
        } else if (type == String.class || type == Integer.class || type == Long.class) {
            return type == String.class ? LeafCodec.STRING : type == Integer.class ? LeafCodec.INT : LeafCodec.LONG;
        } else if (type == byte[].class) {
            return LeafCodec.BYTES;
        } else if (type == ErrorCode.class) {
            return LeafCodec.ERROR_CODE;
        } else if (type == RecordSource.class) {
            return LeafCodec.RECORD_SOURCE;
        }
        return null;
    }

    private static ValueCodec forParameterized(ParameterizedType type) {
        Type raw = type.getRawType();
        Type[] args = type.getActualTypeArguments();
        if (raw == List.class) {
            return new ListCodec(forType(args[0]));
        } else if (raw == Map.class) {
            return new MapCodec(forType(args[0]), forType(args[1]));
        } else if (raw == Optional.class) {
            return new OptionalCodec(forType(args[0]));
        }
        throw new IllegalArgumentException("Unsupported wire type " + type);
    }

    /** Reads a length or count and checks it against the bytes left and an absolute cap. */
    static int readCount(Input input, int max, int minBytesPerItem, String what) {
        int count = input.readVarInt(true);
        int remaining = input.limit() - input.position();
        if (count < 0 || count > max || (long) count * minBytesPerItem > remaining) {
            throw new KryoException(what + " declares " + count + " entries but only " + remaining
                    + " bytes remain (limit " + max + ")");
        }
        return count;
    }

    private static final class ListCodec implements ValueCodec {
        private final ValueCodec element;

        ListCodec(ValueCodec element) {
            this.element = element;
        }

        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            List<?> list = (List<?>) value;
            output.writeVarInt(list.size(), true);
            for (Object item : list) {
                element.write(kryo, output, item);
            }
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            int size = readCount(input, MAX_COLLECTION_SIZE, 1, "list");
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(element.read(kryo, input));
            }
            return List.copyOf(list);
        }
    }

    private static final class MapCodec implements ValueCodec {
        private final ValueCodec key;
        private final ValueCodec value;

        MapCodec(ValueCodec key, ValueCodec value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public void write(WireKryo kryo, Output output, Object map) {
            Map<?, ?> entries = (Map<?, ?>) map;
            output.writeVarInt(entries.size(), true);
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                key.write(kryo, output, entry.getKey());
                value.write(kryo, output, entry.getValue());
            }
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            int size = readCount(input, MAX_COLLECTION_SIZE, 2, "map");
            Map<Object, Object> map = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                Object k = key.read(kryo, input);
                if (map.put(k, value.read(kryo, input)) != null) {
                    throw new KryoException("map repeats the key " + k);
                }
            }
            return Map.copyOf(map);
        }
    }

    private static final class OptionalCodec implements ValueCodec {
        private final ValueCodec element;

        OptionalCodec(ValueCodec element) {
            this.element = element;
        }

        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            Optional<?> optional = (Optional<?>) value;
            output.writeBoolean(optional.isPresent());
            optional.ifPresent(present -> element.write(kryo, output, present));
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readBoolean() ? Optional.of(element.read(kryo, input)) : Optional.empty();
        }
    }
}
