package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of the "consumer" group protocol: a {@link Subscription} travels in a member's
 * JoinGroup metadata, an {@link Assignment} in the leader's SyncGroup request and each member's
 * SyncGroup response. The broker never looks inside them, except to read subscribed topics.
 *
 * <p>Format (big-endian), version 0: {@code int16 version}; subscription = {@code int32 n,
 * n × string topic, int32 m, m × (string topic, int32 partition)}; assignment = {@code int32 m,
 * m × (string topic, int32 partition)}; string = {@code int16 length, UTF-8 bytes}. Decoding checks
 * every count against the bytes left, so a lying length fails with {@link GroupProtocolException}
 * before any large allocation. Stateless and thread-safe.
 */
public final class ConsumerProtocol {

    /** The protocol type every consumer member announces in JoinGroup. */
    public static final String PROTOCOL_TYPE = "consumer";
    public static final short VERSION = 0;

    private ConsumerProtocol() {
    }

    public static byte[] encodeSubscription(Subscription subscription) {
        Writer writer = new Writer();
        writer.buffer.putShort(VERSION);
        writer.putInt(subscription.topics().size());
        subscription.topics().forEach(writer::putString);
        writer.putPartitions(subscription.ownedPartitions());
        return writer.toBytes();
    }

    public static Subscription decodeSubscription(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            readVersion(buffer, "subscription");
            int count = readCount(buffer, 2, "subscription topic");
            List<String> topics = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                topics.add(readString(buffer));
            }
            return new Subscription(topics, readPartitions(buffer));
        } catch (BufferUnderflowException e) {
            throw new GroupProtocolException("subscription cut short after " + buffer.position() + " bytes");
        }
    }

    public static byte[] encodeAssignment(Assignment assignment) {
        Writer writer = new Writer();
        writer.buffer.putShort(VERSION);
        writer.putPartitions(assignment.partitions());
        return writer.toBytes();
    }

    public static Assignment decodeAssignment(byte[] bytes) {
        if (bytes.length == 0) {
            return new Assignment(List.of());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            readVersion(buffer, "assignment");
            return new Assignment(readPartitions(buffer));
        } catch (BufferUnderflowException e) {
            throw new GroupProtocolException("assignment cut short after " + buffer.position() + " bytes");
        }
    }

    private static void readVersion(ByteBuffer buffer, String what) {
        short version = buffer.getShort();
        if (version < VERSION) {
            throw new GroupProtocolException("unsupported " + what + " version " + version);
        }
    }

    private static List<TopicPartition> readPartitions(ByteBuffer buffer) {
        int count = readCount(buffer, 6, "partition");
        List<TopicPartition> partitions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String topic = readString(buffer);
            int partition = buffer.getInt();
            if (partition < 0) {
                throw new GroupProtocolException("negative partition " + partition + " for topic " + topic);
            }
            partitions.add(new TopicPartition(topic, partition));
        }
        return partitions;
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

        void putPartitions(List<TopicPartition> partitions) {
            putInt(partitions.size());
            for (TopicPartition tp : partitions) {
                putString(tp.topic());
                putInt(tp.partition());
            }
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
