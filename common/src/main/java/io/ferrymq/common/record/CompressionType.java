package io.ferrymq.common.record;

import io.ferrymq.common.errors.CorruptRecordException;

/**
 * The compression codec of a batch: attribute bits 0-2, with Kafka's ids and configuration names.
 * Every codec is encoded and decoded in-process ({@link Compression}). Immutable.
 */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    private final int id;
    private final String configName;
    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    public int id() {
        return id;
    }

    /** The name used in configuration ({@code compression.type}). */
    public String configName() {
        return configName;
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
