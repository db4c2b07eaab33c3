package io.ferrymq.client.record;

/**
 * The compression codec of a batch: attribute bits 0-2, with Kafka's ids. Only {@link #NONE}
 * and {@link #GZIP} are encoded and decoded in-process ({@code java.util.zip}); snappy, lz4 and
 * zstd are recognised but refused with {@link UnsupportedCompressionTypeException}.
 * Immutable.
 */
public enum CompressionType {
    NONE(0, "none", true),
    GZIP(1, "gzip", true),
    SNAPPY(2, "snappy", false),
    LZ4(3, "lz4", false),
    ZSTD(4, "zstd", false);

    private final int id;
    private final String configName;
    private final boolean supported;

    CompressionType(int id, String configName, boolean supported) {
        this.id = id;
        this.configName = configName;
        this.supported = supported;
    }

    public int id() {
        return id;
    }

    /** The name used in configuration ({@code compression.type}). */
    public String configName() {
        return configName;
    }

    public boolean isSupported() {
        return supported;
    }

    /** Throws {@link UnsupportedCompressionTypeException} unless this codec works in-process. */
    public CompressionType ensureSupported() {
        if (!supported) {
            throw new UnsupportedCompressionTypeException(
                    "compression type " + configName + " is not supported by Ferry (only none and gzip)");
        }
        return this;
    }

    /** The codec for attribute bits 0-2; an id no codec has is a corrupt batch. */
    public static CompressionType forId(int id) {
        for (CompressionType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new CorruptRecordException("unknown compression codec id " + id);
    }

    /** The codec for a configuration name such as {@code gzip}. */
    public static CompressionType forName(String name) {
        for (CompressionType type : values()) {
            if (type.configName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown compression type '" + name
                + "' (expected one of none, gzip, snappy, lz4, zstd)");
    }
}
