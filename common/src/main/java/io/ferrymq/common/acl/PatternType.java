package io.ferrymq.common.acl;

import java.util.Arrays;
import java.util.Locale;

/**
 * How an ACL's resource name matches, with Kafka's wire codes: {@link #LITERAL} matches the name
 * exactly (the name {@code *} matches every resource of the type), {@link #PREFIXED} every name that
 * starts with it. In filters only: {@link #ANY} (either kind, the name compared exactly) and
 * {@link #MATCH} (every binding that applies to the named resource).
 *
 * <p>Immutable and thread-safe.
 */
public enum PatternType {
    ANY(1),
    MATCH(2),
    LITERAL(3),
    PREFIXED(4);

    private final byte code;

    PatternType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** Whether a stored binding may carry this type (filters may also use ANY and MATCH). */
    public boolean isSpecific() {
        return this == LITERAL || this == PREFIXED;
    }

    /** The type of a wire code; an unknown code is refused with a message naming it. */
    public static PatternType forCode(byte code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ACL pattern type code " + code));
    }

    /** Parses {@code literal}, {@code PREFIXED}, ... */
    public static PatternType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ACL pattern type '" + text + "', expected one of "
                    + Arrays.toString(values()), e);
        }
    }
}
