package io.ferrymq.common.acl;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an ACL protects, with Kafka's wire codes and its ZooKeeper names ({@code Topic}, {@code Group},
 * {@code Cluster}). {@link #ANY} appears only in filters. The one cluster resource is named
 * {@link #CLUSTER_NAME}, as Kafka's.
 *
 * <p>Immutable and thread-safe.
 */
public enum ResourceType {
    ANY(1, "Any"),
    TOPIC(2, "Topic"),
    GROUP(3, "Group"),
    CLUSTER(4, "Cluster");

    /** The name of the cluster resource. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    private final byte code;
    private final String zkName;

    ResourceType(int code, String zkName) {
        this.code = (byte) code;
        this.zkName = zkName;
    }

    public byte code() {
        return code;
    }

    /** The name in ZooKeeper paths and in audit lines ({@code Topic}). */
    public String zkName() {
        return zkName;
    }

    /** The type of a wire code; an unknown code is refused with a message naming it. */
    public static ResourceType forCode(byte code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ACL resource type code " + code));
    }

    /** Parses {@code topic}, {@code Topic} or {@code TOPIC}. */
    public static ResourceType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ACL resource type '" + text + "', expected one of "
                    + Arrays.toString(values()), e);
        }
    }
}
