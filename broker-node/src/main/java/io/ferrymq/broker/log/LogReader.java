package io.ferrymq.broker.log;

import io.ferrymq.broker.log.index.TimestampOffset;
import io.ferrymq.common.TopicPartition;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The lock-free read side of a {@link PartitionLog}: finds the segment holding an offset and
 * returns whole batches from it, or searches by timestamp. Works on the log's concurrent segment
 * map and on bounds (log start, log end) snapshotted by the caller, so it never sees a batch whose
 * append has not completed. Thread-safe.
 */
final class LogReader {

    private final TopicPartition topicPartition;
    private final NavigableMap<Long, LogSegment> segments;

    LogReader(TopicPartition topicPartition, NavigableMap<Long, LogSegment> segments) {
        this.topicPartition = topicPartition;
        this.segments = segments;
    }

    LogReadInfo read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch,
                     long logStartOffset, long logEndOffset) {
        if (startOffset < logStartOffset || startOffset > logEndOffset) {
            throw new OffsetOutOfRangeException("offset " + startOffset + " is outside [" + logStartOffset + ", "
                    + logEndOffset + "] of " + topicPartition);
        }
        long bound = Math.min(maxOffsetExclusive, logEndOffset);
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(startOffset);
        while (entry != null && startOffset < bound) {
            Optional<SegmentRead> read = entry.getValue().read(startOffset, maxBytes, bound, minOneBatch);
            if (read.isPresent()) {
                SegmentRead r = read.get();
                return new LogReadInfo(r.slice(), r.firstOffset(), r.nextOffset(), logStartOffset, logEndOffset);
            }
            entry = segments.higherEntry(entry.getKey());
        }
        LogSegment last = segments.lastEntry().getValue();
        return new LogReadInfo(new FileSlice(last.file(), 0, 0), startOffset, startOffset, logStartOffset,
                logEndOffset);
    }

    /** The first record with the log's largest timestamp, in the first segment holding it (Kafka's choice). */
    Optional<TimestampOffset> maxTimestampRecord(long logStartOffset) {
        LogSegment latest = null;
        for (LogSegment segment : segments.values()) {
            if (latest == null || segment.maxTimestampSoFar() > latest.maxTimestampSoFar()) {
                latest = segment;
            }
        }
        return latest == null ? Optional.empty() : latest.maxTimestampRecord(logStartOffset);
    }

    Optional<TimestampOffset> offsetForTimestamp(long timestamp, long logStartOffset) {
        for (LogSegment segment : segments.values()) {
            Optional<TimestampOffset> found = segment.findOffsetByTimestamp(timestamp, logStartOffset);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
