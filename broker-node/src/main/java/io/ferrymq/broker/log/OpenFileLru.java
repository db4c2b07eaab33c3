package io.ferrymq.broker.log;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which open files to close to stay within a cap: the files admitted (opened) in least recently
 * used order. {@link #admit} of one file beyond the cap names the least recently used ones to
 * close; {@link #touch} marks a use; {@link #remove} forgets a file that was closed anyway. Only
 * the bookkeeping: the caller closes what it is told to (the broker's {@link OpenSegmentFiles}
 * for the {@code .log} files of inactive segments).
 *
 * <p>Not thread-safe: the caller serializes calls.
 *
 * @param <K> the file (compared by {@code equals})
 */
final class OpenFileLru<K> {

    private final int max;
    private final LinkedHashMap<K, Boolean> open = new LinkedHashMap<>(16, 0.75f, true);

    /** A cap of {@code max} open files (at least 1). */
    OpenFileLru(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the cap on open files must be at least 1, was " + max);
        }
        this.max = max;
    }

    /**
     * Records {@code file} as open and most recently used; returns the least recently used files
     * to close so that at most the cap stay open (never {@code file} itself), oldest first. They
     * are no longer tracked.
     */
    List<K> admit(K file) {
        open.put(file, Boolean.TRUE);
        if (open.size() <= max) {
            return List.of();
        }
        List<K> evicted = new ArrayList<>(open.size() - max);
        Iterator<Map.Entry<K, Boolean>> eldest = open.entrySet().iterator();
        while (open.size() > max) {
            K candidate = eldest.next().getKey();
            eldest.remove();
            evicted.add(candidate);
        }
        return evicted;
    }

    /** Marks a use of {@code file}; true when it is tracked (open), false (and nothing changes) otherwise. */
    boolean touch(K file) {
        return open.get(file) != null;
    }

    /** Forgets {@code file} (it was closed, deleted or became active); true when it was tracked. */
    boolean remove(K file) {
        return open.remove(file) != null;
    }

    boolean contains(K file) {
        return open.containsKey(file);
    }

    /** How many files are tracked as open. */
    int size() {
        return open.size();
    }

    int max() {
        return max;
    }
}
