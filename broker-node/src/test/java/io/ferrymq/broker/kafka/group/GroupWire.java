package io.ferrymq.broker.kafka.group;

import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;

/**
 * Writes a Kafka message at a version and reads it back with Kafka's generated reader, as a client or
 * the codec would: a field the version lacks but the message sets fails here with Kafka's
 * UnsupportedVersionException, and tagged fields of flexible versions go through their real encoding.
 */
final class GroupWire {

    private GroupWire() {
    }

    @SuppressWarnings("unchecked")
    static <T extends ApiMessage> T roundTrip(T message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(message.size(cache, version));
        message.write(new ByteBufferAccessor(buffer), cache, version);
        buffer.flip();
        try {
            return (T) message.getClass().getConstructor(Readable.class, short.class)
                    .newInstance(new ByteBufferAccessor(buffer), version);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no reader for " + message.getClass(), e);
        }
    }
}
