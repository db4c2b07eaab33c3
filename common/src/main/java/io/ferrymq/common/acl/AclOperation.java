package io.ferrymq.common.acl;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * An operation an ACL allows or denies, with Kafka's wire codes and JSON names ({@code Read},
 * {@code ClusterAction}). {@link #ANY} appears only in filters; {@link #ALL} in a binding covers
 * every operation. {@link #impliedBy()} is Kafka's rule: READ, WRITE, DELETE and ALTER imply
 * DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS.
 *
 * <p>Immutable and thread-safe.
 */
public enum AclOperation {
    ANY(1, "Any"),
    ALL(2, "All"),
    READ(3, "Read"),
    WRITE(4, "Write"),
    CREATE(5, "Create"),
    DELETE(6, "Delete"),
    ALTER(7, "Alter"),
    DESCRIBE(8, "Describe"),
    CLUSTER_ACTION(9, "ClusterAction"),
    DESCRIBE_CONFIGS(10, "DescribeConfigs"),
    ALTER_CONFIGS(11, "AlterConfigs"),
    IDEMPOTENT_WRITE(12, "IdempotentWrite");

    private final byte code;
    private final String jsonName;

    AclOperation(int code, String jsonName) {
        this.code = (byte) code;
        this.jsonName = jsonName;
    }

    public byte code() {
        return code;
    }

    /** Kafka's name in ZooKeeper JSON and in audit lines ({@code ClusterAction}). */
    public String jsonName() {
        return jsonName;
    }

    /** The operations whose ALLOW also allows this one, this one included (ALL is handled by the matcher). */
    public Set<AclOperation> impliedBy() {
        return switch (this) {
            case DESCRIBE -> EnumSet.of(DESCRIBE, READ, WRITE, DELETE, ALTER);
            case DESCRIBE_CONFIGS -> EnumSet.of(DESCRIBE_CONFIGS, ALTER_CONFIGS);
            default -> EnumSet.of(this);
        };
    }

    /** The operation of a wire code; an unknown code is refused with a message naming it. */
    public static AclOperation forCode(byte code) {
        return Arrays.stream(values()).filter(o -> o.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ACL operation code " + code));
    }

    /** Parses Kafka's spellings: {@code Read}, {@code READ}, {@code ClusterAction}, {@code cluster_action}. */
    public static AclOperation parse(String text) {
        String wanted = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.jsonName.toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ACL operation '" + text
                        + "', expected one of " + Arrays.toString(values())));
    }
}
