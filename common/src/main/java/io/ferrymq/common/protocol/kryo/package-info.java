/**
 * Ferry's wire codec on Kryo: {@link io.ferrymq.common.protocol.kryo.KryoCodec} frames requests and
 * responses, {@link io.ferrymq.common.protocol.kryo.KryoRegistry} fixes the class ids (request of API key
 * {@code k} is {@code 1000 + 2k}, its response {@code 1001 + 2k}), and record classes are written
 * component by component with statically chosen codecs, so the wire carries no class names. Record batches
 * travel as raw bytes beside the body. Kryo instances are not thread-safe: each
 * {@link io.ferrymq.common.protocol.kryo.WireKryo} is used by one encode or decode at a time.
 */
package io.ferrymq.common.protocol.kryo;
