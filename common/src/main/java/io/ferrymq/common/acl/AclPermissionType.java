package io.ferrymq.common.acl;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether an ACL allows or denies, with Kafka's wire codes and JSON names ({@code Allow},
 * {@code Deny}). {@link #ANY} appears only in filters. A matching DENY always wins over an ALLOW.
 *
 * <p>Immutable and thread-safe.
 */
public enum AclPermissionType {
    ANY(1, "Any"),
    DENY(2, "Deny"),
    ALLOW(3, "Allow");

    private final byte code;
    private final String jsonName;

    AclPermissionType(int code, String jsonName) {
        this.code = (byte) code;
        this.jsonName = jsonName;
    }

    public byte code() {
        return code;
    }

    /** Kafka's name in ZooKeeper JSON ({@code Allow}). */
    public String jsonName() {
        return jsonName;
    }

    /** The permission of a wire code; an unknown code is refused with a message naming it. */
    public static AclPermissionType forCode(byte code) {
        return Arrays.stream(values()).filter(p -> p.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ACL permission type code " + code));
    }

    /** Parses {@code Allow}, {@code ALLOW}, {@code deny}. */
    public static AclPermissionType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ACL permission type '" + text + "', expected Allow or Deny", e);
        }
    }
}
