package io.ferrymq.common;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of an on-demand leader election (Kafka's {@code ElectionType}, same wire values):
 * {@link #PREFERRED} moves leadership to the preferred replica when it is registered and in the
 * ISR; {@link #UNCLEAN} lets a registered replica from outside the ISR lead a partition that has no
 * leader and no registered ISR member, once. Immutable.
 */
public enum ElectionType {
    PREFERRED((byte) 0),
    UNCLEAN((byte) 1);

    private final byte value;

    ElectionType(byte value) {
        this.value = value;
    }

    /** Kafka's wire value. */
    public byte value() {
        return value;
    }

    /** The lower-case name used in ZooKeeper and on the command line. */
    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ElectionType> forValue(byte value) {
        for (ElectionType type : values()) {
            if (type.value == value) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type for {@code preferred} or {@code unclean} (any case). */
    public static Optional<ElectionType> forName(String name) {
        for (ElectionType type : values()) {
            if (type.lowerName().equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
