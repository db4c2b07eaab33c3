package io.ferrymq.client.consumer.internals;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import io.ferrymq.common.record.TimestampType;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One partition's part of a fetch response, turned into records lazily as {@code poll} asks for
 * them, so a large response costs no more than the records returned. Records before the fetch
 * offset (the rest of a batch that straddles it) are skipped; {@link #nextOffset()} is the offset
 * after the last record handed out, or after the last whole batch consumed.
 *
 * <p>Confined to the consumer's thread.
 */
final class CompletedFetch {

    private final TopicPartition partition;
    private final long fetchOffset;
    private final FetchResponse.PartitionData data;
    private final Iterator<RecordBatch> batches;
    private RecordBatch currentBatch;
    // the current batch's header fields that every record carries, read once per batch
    private Optional<Integer> currentLeaderEpoch = Optional.empty();
    private TimestampType currentTimestampType;
    private CompressionType currentCompression;
    private Iterator<Record> records;
    private long nextOffset;

    CompletedFetch(FetchResponse.PartitionData data, long fetchOffset) {
        this.partition = data.topicPartition();
        this.fetchOffset = fetchOffset;
        this.data = data;
        this.batches = data.error() == ErrorCode.NONE ? RecordBatches.wrap(data.records().toByteBuffer()).iterator()
                : List.<RecordBatch>of().iterator();
        this.nextOffset = fetchOffset;
    }

    TopicPartition partition() {
        return partition;
    }

    long fetchOffset() {
        return fetchOffset;
    }

    ErrorCode error() {
        return data.error();
    }

    long highWatermark() {
        return data.highWatermark();
    }

    long nextOffset() {
        return nextOffset;
    }

    /** Appends up to {@code max} records to {@code out}; returns how many. */
    <K, V> int drainInto(List<ConsumerRecord<K, V>> out, int max, Deserializers<K, V> deserializers) {
        int added = 0;
        while (added < max) {
            Optional<Record> next = nextRecord();
            if (next.isEmpty()) {
                break;
            }
            Record record = next.get();
            String topic = partition.topic();
            int number = partition.partition();
            out.add(new ConsumerRecord<>(topic, number, record.offset(), record.timestamp(), currentTimestampType,
                    deserializers.key(topic, number, record.offset(), record.key()),
                    deserializers.value(topic, number, record.offset(), record.value()),
                    record.headers(), currentLeaderEpoch, currentCompression));
            nextOffset = record.offset() + 1;
            added++;
        }
        return added;
    }

    /** True once every record has been handed out. */
    boolean isConsumed() {
        return (records == null || !records.hasNext()) && !batches.hasNext();
    }

    private Optional<Record> nextRecord() {
        try {
            while (true) {
                if (records != null && records.hasNext()) {
                    Record record = records.next();
                    if (record.offset() >= nextOffset) {
                        return Optional.of(record);
                    }
                    continue;
                }
                if (currentBatch != null) {
                    nextOffset = Math.max(nextOffset, currentBatch.nextOffset());
                }
                if (!batches.hasNext()) {
                    return Optional.empty();
                }
                currentBatch = batches.next();
                currentBatch.ensureValid();
                currentLeaderEpoch = Optional.of(currentBatch.partitionLeaderEpoch()).filter(e -> e >= 0);
                currentTimestampType = currentBatch.timestampType();
                currentCompression = currentBatch.compression();
                records = currentBatch.lastOffset() >= nextOffset ? currentBatch.iterator() : null;
            }
        } catch (CorruptRecordException e) {
            throw ErrorCode.CORRUPT_MESSAGE.exception("Corrupt record batch in fetch from " + partition
                    + " at offset " + nextOffset + ": " + e.getMessage());
        }
    }
}
