package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.EncodedFrame;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;

/**
 * Kafka messages written and read back at a version, as the wire carries them: requests with
 * kafka-clients' serializer, responses with Ferry's frame writer (so {@link FerryRecords} go out as
 * they would). Kafka refuses to write a non-default value of a field the version lacks, so a round
 * trip also proves that a translator sets only fields its version has.
 */
public final class KafkaRoundTrip {

    private KafkaRoundTrip() {
    }

    @SuppressWarnings("unchecked")
    public static <T extends ApiMessage> T request(ApiKeys key, T request, short version) {
        ByteBuffer bytes = MessageUtil.toByteBuffer(request, version);
        ApiMessage read = key.messageType.newRequest();
        read.read(new ByteBufferAccessor(bytes), version);
        return (T) read;
    }

    @SuppressWarnings("unchecked")
    public static <T extends ApiMessage> T response(ApiKeys key, T response, short version) {
        EncodedFrame frame = KafkaCodec.frame(1, key, version, response, UnpooledByteBufAllocator.DEFAULT);
        ByteBuffer all = ByteBuffer.allocate((int) frame.totalBytes());
        all.put(frame.head().nioBuffer());
        frame.records().forEach(part -> all.put(part.toByteBuffer()));
        frame.release();
        all.flip();
        all.getInt();
        all.getInt();
        if (key.responseHeaderVersion(version) > 0) {
            all.get();
        }
        ApiMessage read = key.messageType.newResponse();
        read.read(new ByteBufferAccessor(all), version);
        if (all.hasRemaining()) {
            throw new IllegalStateException(all.remaining() + " bytes left after " + key + " v" + version);
        }
        return (T) read;
    }

    /** Topic ids from a map, as ZooKeeper would give them. */
    public static final class FixedTopicIds implements TopicIds {
        private final Map<String, Uuid> ids = new HashMap<>();

        FixedTopicIds with(String topic, Uuid id) {
            ids.put(topic, id);
            return this;
        }

        @Override
        public Uuid idOf(String topic) {
            return ids.getOrDefault(topic, Uuid.ZERO_UUID);
        }

        @Override
        public Optional<String> nameOf(Uuid id) {
            return ids.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst();
        }
    }
}
