package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes and reads one statically typed value of a wire record (a primitive, a string, a list of
 * records...). Codecs are built once per record class from its component types, so the wire carries
 * no class names or ids below the top-level message, and a decoded list can only hold the element
 * type its record declares. Every read checks declared lengths against the bytes left before it
 * allocates. Implementations are immutable and thread-safe; per-call state lives in {@link WireKryo}.
 */
interface ValueCodec {

    void write(WireKryo kryo, Output output, Object value);

    Object read(WireKryo kryo, Input input);
}
