package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import java.nio.charset.StandardCharsets;

/**
 * Codecs of the leaf types: {@code int}/{@code long} as zigzag varints, {@code short}, {@code byte},
 * {@code boolean}, nullable UTF-8 strings and byte arrays (lengths checked against the bytes left
 * before allocating), {@link ErrorCode} as its stable code (never the ordinal), and
 * {@link RecordSource} as a byte count whose bytes travel beside the body. Immutable and thread-safe.
 */
enum LeafCodec implements ValueCodec {
    INT {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeVarInt((Integer) value, false);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readVarInt(false);
        }
    },
    LONG {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeVarLong((Long) value, false);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readVarLong(false);
        }
    },
    SHORT {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeShort((Short) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readShort();
        }
    },
    BYTE {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeByte((Byte) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readByte();
        }
    },
    BOOLEAN {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeBoolean((Boolean) value);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return input.readBoolean();
        }
    },
    STRING {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            if (value == null) {
                output.writeVarInt(0, true);
                return;
            }
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            output.writeVarInt(utf8.length + 1, true);
            output.writeBytes(utf8);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            int remaining = input.limit() - input.position();
            int declared = input.readVarInt(true);
            if (declared == 0) {
                return null;
            }
            int length = declared - 1;
            if (length < 0 || length > ValueCodecs.MAX_STRING_BYTES || length > remaining) {
                throw new KryoException("string declares " + length + " bytes but only " + remaining
                        + " remain (limit " + ValueCodecs.MAX_STRING_BYTES + ")");
            }
            return new String(input.readBytes(length), StandardCharsets.UTF_8);
        }
    },
    BYTES {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            byte[] bytes = (byte[]) value;
            output.writeVarInt(bytes.length, true);
            output.writeBytes(bytes);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            int length = ValueCodecs.readCount(input, Integer.MAX_VALUE, 1, "byte array");
            return input.readBytes(length);
        }
    },
    ERROR_CODE {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            output.writeShort(((ErrorCode) value).code());
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            return ErrorCode.forCode(input.readShort());
        }
    },
    RECORD_SOURCE {
        @Override
        public void write(WireKryo kryo, Output output, Object value) {
            RecordSource source = (RecordSource) value;
            output.writeVarInt(source.sizeInBytes(), true);
            kryo.records().add(source);
        }

        @Override
        public Object read(WireKryo kryo, Input input) {
            int size = input.readVarInt(true);
            return RecordSource.of(kryo.records().take(size));
        }
    }
}
