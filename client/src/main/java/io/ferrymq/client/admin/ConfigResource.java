package io.ferrymq.client.admin;

import java.util.Objects;

/**
 * What a config belongs to, as Kafka's {@code ConfigResource}: a topic by name, or a broker by id
 * ({@link #broker(int)}), or every broker ({@link #clusterDefault()}: the cluster-wide dynamic defaults,
 * whose name is empty). Immutable.
 */
public record ConfigResource(Type type, String name) {

    /** The resource kinds, with Kafka's wire codes. */
    public enum Type {
        TOPIC((byte) 2), BROKER((byte) 4);

        private final byte code;

        Type(byte code) {
            this.code = code;
        }

        public byte code() {
            return code;
        }
    }

    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (type == Type.TOPIC && name.isEmpty()) {
            throw new IllegalArgumentException("a topic config resource needs a topic name");
        }
    }

    public static ConfigResource topic(String name) {
        return new ConfigResource(Type.TOPIC, name);
    }

    public static ConfigResource broker(int brokerId) {
        return new ConfigResource(Type.BROKER, Integer.toString(brokerId));
    }

    /** The cluster-wide dynamic broker defaults. */
    public static ConfigResource clusterDefault() {
        return new ConfigResource(Type.BROKER, "");
    }

    /** Whether this names the cluster-wide broker defaults. */
    public boolean isClusterDefault() {
        return type == Type.BROKER && name.isEmpty();
    }

    @Override
    public String toString() {
        return type == Type.TOPIC ? "topic '" + name + "'" : isClusterDefault() ? "the cluster-wide broker defaults"
                : "broker " + name;
    }
}
