package io.ferrymq.tools.verify;

import java.util.Optional;

/**
 * How {@code ferry verify} encodes its writes: write {@code seq} goes to key {@code k<seq % keys>} with
 * value {@code <seq>:<keySeq>}, where {@code keySeq = seq / keys} numbers the writes of one key from 0.
 * Decoding a record read back gives the {@link History.Read} the checker needs; a record that is not
 * in this shape is not one of ours. Pure and thread-safe.
 */
public final class VerifyRecords {

    private VerifyRecords() {
    }

    public static String key(long seq, int keys) {
        return "k" + seq % keys;
    }

    public static long keySeq(long seq, int keys) {
        return seq / keys;
    }

    public static String value(long seq, int keys) {
        return seq + ":" + keySeq(seq, keys);
    }

    /** The read of a record at {@code partition}/{@code offset}, if key and value are in verify's shape. */
    public static Optional<History.Read> parse(int partition, long offset, String key, String value) {
        if (key == null || value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new History.Read(partition, offset, Long.parseLong(value.substring(0, colon)), key,
                    Long.parseLong(value.substring(colon + 1))));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
