package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of the "consumer" group protocol, in Kafka's {@code ConsumerProtocol} format, so Ferry's
 * and Kafka's consumers can share a group and either can lead it: a {@link Subscription} travels in a
 * member's JoinGroup metadata, an {@link Assignment} in the leader's SyncGroup request and each
 * member's SyncGroup response. The broker never looks inside them, except to read subscribed topics.
 *
 * <p>Format (big-endian, Kafka's {@code ConsumerProtocolSubscription} and
 * {@code ConsumerProtocolAssignment}, versions 0-3): {@code int16 version}, then
 * <ul>
 *   <li>subscription: {@code [string] topics}, {@code bytes userData} (nullable);
 *       v1+ {@code [string topic, [int32] partitions] ownedPartitions}; v2+ {@code int32 generationId};
 *       v3+ {@code string rackId} (nullable);</li>
 *   <li>assignment (same fields at every version): {@code [string topic, [int32] partitions]},
 *       {@code bytes userData} (nullable).</li>
 * </ul>
 * An array is {@code int32 count} then its items; a string {@code int16 length} then UTF-8 bytes (-1:
 * null); bytes {@code int32 length} then the bytes (-1: null). Ferry writes version {@link #VERSION}
 * with null user data, generation -1 and no rack. Like Kafka, a reader takes a version above 3 as 3 and
 * ignores what follows the fields it knows, so newer members stay readable. Decoding checks every count
 * against the bytes left, so a lying length fails with {@link GroupProtocolException} before any large
 * allocation. Stateless and thread-safe.
 */
public final class ConsumerProtocol {

    /** The protocol type every consumer member announces in JoinGroup. */
    public static final String PROTOCOL_TYPE = "consumer";
    /** The version Ferry writes, and the highest it reads field by field. */
    public static final short VERSION = 3;

    private static final int NO_GENERATION = -1;

    private ConsumerProtocol() {
    }

    public static byte[] encodeSubscription(Subscription subscription) {
        Writer writer = new Writer();
        writer.putShort(VERSION);
        writer.putInt(subscription.topics().size());
        subscription.topics().forEach(writer::putString);
        writer.putInt(-1);
        writer.putPartitions(subscription.ownedPartitions());
        writer.putInt(NO_GENERATION);
        writer.putShort((short) -1);
        return writer.toBytes();
    }

    public static Subscription decodeSubscription(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            short version = readVersion(buffer, "subscription");
            int count = readCount(buffer, 2, "subscription topic");
            List<String> topics = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                topics.add(readString(buffer));
            }
            skipBytes(buffer);
            List<TopicPartition> owned = version >= 1 ? readPartitions(buffer) : List.of();
            return new Subscription(topics, owned);
        } catch (BufferUnderflowException e) {
            throw new GroupProtocolException("subscription cut short after " + buffer.position() + " bytes");
        }
    }

    public static byte[] encodeAssignment(Assignment assignment) {
        Writer writer = new Writer();
        writer.putShort(VERSION);
        writer.putPartitions(assignment.partitions());
        writer.putInt(-1);
        return writer.toBytes();
    }

    public static Assignment decodeAssignment(byte[] bytes) {
        if (bytes.length == 0) {
            return new Assignment(List.of());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            readVersion(buffer, "assignment");
            List<TopicPartition> partitions = readPartitions(buffer);
            skipBytes(buffer);
            return new Assignment(partitions);
        } catch (BufferUnderflowException e) {
            throw new GroupProtocolException("assignment cut short after " + buffer.position() + " bytes");
        }
    }

    private static short readVersion(ByteBuffer buffer, String what) {
        short version = buffer.getShort();
        if (version < 0) {
            throw new GroupProtocolException("unsupported " + what + " version " + version);
        }
        return (short) Math.min(version, VERSION);
    }

    /** Topics, each with its partitions: {@code [string topic, [int32] partitions]}. */
    private static List<TopicPartition> readPartitions(ByteBuffer buffer) {
        int topics = readCount(buffer, 6, "topic");
        List<TopicPartition> partitions = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            String topic = readString(buffer);
            int count = readCount(buffer, 4, "partition");
            for (int j = 0; j < count; j++) {
                int partition = buffer.getInt();
                if (partition < 0) {
                    throw new GroupProtocolException("negative partition " + partition + " for topic " + topic);
                }
                partitions.add(new TopicPartition(topic, partition));
            }
        }
        return partitions;
    }

    /** Skips nullable bytes (user data, which Ferry's assignors neither write nor read). */
    private static void skipBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < -1 || length > buffer.remaining()) {
            throw new GroupProtocolException("user data length " + length + " does not fit the "
                    + buffer.remaining() + " bytes left");
        }
        buffer.position(buffer.position() + Math.max(length, 0));
    }

    private static int readCount(ByteBuffer buffer, int minBytesEach, String what) {
        int count = buffer.getInt();
        if (count < 0 || (long) count * minBytesEach > buffer.remaining()) {
            throw new GroupProtocolException(what + " count " + count + " does not fit the "
                    + buffer.remaining() + " bytes left");
        }
        return count;
    }

    private static String readString(ByteBuffer buffer) {
        int length = buffer.getShort();
        if (length < 0 || length > buffer.remaining()) {
            throw new GroupProtocolException("string length " + length + " does not fit the "
                    + buffer.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A growable big-endian writer. */
    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(64);

        void putShort(short value) {
            ensure(2);
            buffer.putShort(value);
        }

        void putInt(int value) {
            ensure(4);
            buffer.putInt(value);
        }

        void putString(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > Short.MAX_VALUE) {
                throw new GroupProtocolException("topic name longer than " + Short.MAX_VALUE + " bytes");
            }
            ensure(2 + bytes.length);
            buffer.putShort((short) bytes.length).put(bytes);
        }

        /** Grouped by topic in order of first appearance, as Kafka writes them. */
        void putPartitions(List<TopicPartition> partitions) {
            Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
            partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
            putInt(byTopic.size());
            byTopic.forEach((topic, numbers) -> {
                putString(topic);
                putInt(numbers.size());
                numbers.forEach(this::putInt);
            });
        }

        byte[] toBytes() {
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }

        private void ensure(int more) {
            if (buffer.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }
    }
}
