package io.ferrymq.broker.log;

import java.util.List;

/**
 * The broker-wide cap on open {@code .log} descriptors of inactive segments
 * ({@code log.open.inactive.segments.max}), over every log dir. The active segment of each
 * partition is never counted nor closed here; an inactive segment's file is admitted when it is
 * opened (a read, an fsync) and, when that takes the count past the cap, the least recently used
 * inactive files are released (see {@link OpenFileLru}). A released file reopens on its next use,
 * and a slice of it being sent meanwhile reopens it too ({@link SegmentFile}). Kafka keeps every
 * segment of every partition open; this keeps a broker with many partitions and small segments
 * within its descriptor limit.
 *
 * <p>Thread-safe: this object's monitor guards the LRU and is also the lock under which every
 * {@link SegmentFile} counted here opens, closes or changes between active and inactive, so an open
 * and the releases it causes are one step and the count of open inactive files never passes the
 * cap, even for a moment. Opens and closes serialize on it; a read of an inactive file takes it
 * only to mark the use, a read of an active one not at all.
 */
public final class OpenSegmentFiles {

    /** Default of {@code log.open.inactive.segments.max}. */
    public static final int DEFAULT_MAX_INACTIVE = 1000;

    private final OpenFileLru<SegmentFile> lru;

    /** A cap of {@code maxInactive} open inactive segment files (at least 1). */
    public OpenSegmentFiles(int maxInactive) {
        this.lru = new OpenFileLru<>(maxInactive);
    }

    /** Records an inactive segment's file as just opened; returns the files the caller must release. */
    synchronized List<SegmentFile> admit(SegmentFile file) {
        return lru.admit(file);
    }

    /** Marks a use of an open inactive segment's file. */
    synchronized void touch(SegmentFile file) {
        lru.touch(file);
    }

    /** Forgets a file that was closed or became active. */
    synchronized void forget(SegmentFile file) {
        lru.remove(file);
    }

    /** How many inactive segment files are open now. */
    public synchronized int openInactive() {
        return lru.size();
    }

    public int maxInactive() {
        return lru.max();
    }
}
