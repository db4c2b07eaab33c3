package io.ferrymq.broker.log.cleaner;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The cleaner's map from a record key to the latest offset seen for it, in a fixed amount of memory
 * (Kafka's {@code SkimpyOffsetMap}): an open-addressing table of slots, each the key's 16-byte MD5
 * hash and an 8-byte offset. A key is never stored, only its hash; two keys with the same MD5 would
 * be taken for one (Kafka accepts the same). The probe sequence walks the hash's own bytes, then
 * steps one slot at a time. The map counts as full ({@link #isFull()}) at {@code loadFactor} of its
 * slots, so probes stay short; the cleaner then stops and cleans up to where it got
 * ({@link #latestOffset()}).
 *
 * <p>Not thread-safe: one cleaner thread owns one map and reuses it ({@link #clear()}).
 */
public final class OffsetMap {

    static final int HASH_SIZE = 16;
    static final int SLOT_SIZE = HASH_SIZE + Long.BYTES;

    private final ByteBuffer bytes;
    private final int slots;
    private final int maxEntries;
    private final MessageDigest digest;
    private final byte[] hash = new byte[HASH_SIZE];
    private final byte[] probe = new byte[HASH_SIZE];
    private int entries;
    private long latestOffset = -1L;
    private long lookups;
    private long probes;

    /**
     * @param memory bytes of table (at least one slot, {@value #SLOT_SIZE} bytes)
     * @param loadFactor share of slots filled before the map counts as full, in (0, 1]
     */
    public OffsetMap(int memory, double loadFactor) {
        if (memory < SLOT_SIZE || !(loadFactor > 0 && loadFactor <= 1)) {
            throw new IllegalArgumentException("an offset map needs at least " + SLOT_SIZE + " bytes and a load factor"
                    + " in (0, 1]; got " + memory + " and " + loadFactor);
        }
        this.slots = memory / SLOT_SIZE;
        this.bytes = ByteBuffer.allocate(slots * SLOT_SIZE);
        this.maxEntries = Math.max(1, (int) (slots * loadFactor));
        try {
            this.digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    /** Records {@code offset} as the latest of {@code key} (position to limit, unchanged). */
    public void put(ByteBuffer key, long offset) {
        if (isFull()) {
            throw new IllegalStateException("offset map is full (" + entries + " of " + slots + " slots)");
        }
        hashInto(key, hash);
        lookups++;
        for (int attempt = 0; ; attempt++) {
            int position = slotPosition(hash, attempt);
            probes++;
            if (isEmpty(position)) {
                bytes.put(position, hash);
                bytes.putLong(position + HASH_SIZE, offset);
                entries++;
                break;
            }
            if (hashAt(position)) {
                bytes.putLong(position + HASH_SIZE, offset);
                break;
            }
        }
        latestOffset = Math.max(latestOffset, offset);
    }

    /** The latest offset recorded for {@code key}, or -1 when none is. */
    public long get(ByteBuffer key) {
        hashInto(key, hash);
        lookups++;
        for (int attempt = 0; attempt < slots + HASH_SIZE; attempt++) {
            int position = slotPosition(hash, attempt);
            probes++;
            if (isEmpty(position)) {
                return -1L;
            }
            if (hashAt(position)) {
                return bytes.getLong(position + HASH_SIZE);
            }
        }
        return -1L;
    }

    /** Empties the map for the next log. */
    public void clear() {
        Arrays.fill(bytes.array(), (byte) 0);
        entries = 0;
        latestOffset = -1L;
        lookups = 0;
        probes = 0;
    }

    /** Distinct key hashes stored. */
    public int size() {
        return entries;
    }

    /** How many keys the map takes before it counts as full. */
    public int maxEntries() {
        return maxEntries;
    }

    public int slots() {
        return slots;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    /** The largest offset put since the last {@link #clear()}, or -1. */
    public long latestOffset() {
        return latestOffset;
    }

    /** Slots visited per lookup since the last clear (1.0 when no key collided); 0 before any lookup. */
    public double collisionRate() {
        return lookups == 0 ? 0 : (probes - lookups) / (double) lookups;
    }

    private void hashInto(ByteBuffer key, byte[] target) {
        digest.reset();
        digest.update(key.duplicate());
        try {
            digest.digest(target, 0, HASH_SIZE);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("MD5 digest failed", e);
        }
        // an all-zero slot means empty: a key hashing to zeros is stored as hash 0...01
        if (isZero(target)) {
            target[HASH_SIZE - 1] = 1;
        }
    }

    /** Kafka's probe: an int read from the hash at a moving index, then one slot further per attempt. */
    private int slotPosition(byte[] keyHash, int attempt) {
        int at = Math.min(attempt, HASH_SIZE - 4);
        int value = ((keyHash[at] & 0xff) << 24) | ((keyHash[at + 1] & 0xff) << 16) | ((keyHash[at + 2] & 0xff) << 8)
                | (keyHash[at + 3] & 0xff);
        long probeValue = (value & 0xffffffffL) + Math.max(0, attempt - (HASH_SIZE - 4));
        return (int) (probeValue % slots) * SLOT_SIZE;
    }

    private boolean isEmpty(int position) {
        bytes.get(position, probe);
        return isZero(probe);
    }

    private boolean hashAt(int position) {
        bytes.get(position, probe);
        return Arrays.equals(probe, hash);
    }

    private static boolean isZero(byte[] value) {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
