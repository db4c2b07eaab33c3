package io.ferrymq.client.producer.internals;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.producer.Callback;
import io.ferrymq.client.producer.RecordMetadata;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Header;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's batch while it is built, sent and possibly retried: records are encoded
 * straight into a buffer from the {@link BufferPool} by a {@link RecordBatchBuilder}; the batch is
 * closed (header and CRC written) when drained, and completes exactly once, running its records'
 * callbacks in append order.
 *
 * <p>Appends happen under the accumulator's lock of the partition's deque; after drain only the
 * I/O thread touches the batch. Completion is guarded by an atomic flag.
 */
public final class ProducerBatch {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerBatch.class);

    private final TopicPartition topicPartition;
    private final ByteBuffer pooled;
    private final int pooledSize;
    private final int sizeLimit;
    private final RecordBatchBuilder builder;
    private final ProduceRequestResult result = new ProduceRequestResult();
    private final List<FutureRecordMetadata> futures = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final long createdMs;
    private long lastAttemptMs;
    private int attempts;
    private ByteBuffer built;

    ProducerBatch(TopicPartition topicPartition, ByteBuffer pooled, int sizeLimit, CompressionType compression,
                  long nowMs) {
        this.topicPartition = topicPartition;
        this.pooled = pooled;
        this.pooledSize = pooled.capacity();
        this.sizeLimit = sizeLimit;
        this.builder = new RecordBatchBuilder(pooled, compression, 0L);
        this.createdMs = nowMs;
        this.lastAttemptMs = nowMs;
    }

    /** Appends a record if it fits (a first record always does); empty when the batch is full or closed. */
    Optional<FutureRecordMetadata> tryAppend(long timestamp, byte[] key, byte[] value, List<Header> headers,
                                             Callback callback, int recordSize) {
        if (built != null || (builder.recordCount() > 0
                && builder.estimatedSizeInBytes() + recordSize > sizeLimit)) {
            return Optional.empty();
        }
        FutureRecordMetadata future = new FutureRecordMetadata(result, topicPartition.topic(),
                topicPartition.partition(), builder.recordCount(), timestamp);
        builder.append(timestamp, key, value, headers);
        futures.add(future);
        callbacks.add(callback);
        return Optional.of(future);
    }

    /** True when no further record of {@code recordSize} bytes would fit. */
    boolean isFull() {
        return built != null || builder.estimatedSizeInBytes() >= sizeLimit;
    }

    /** Finishes the batch bytes (idempotent); afterwards no record can be appended. */
    void close() {
        if (built == null) {
            builder.build();
            ByteBuffer buffer = builder.buffer();
            built = buffer.duplicate().flip().slice();
        }
    }

    /** The finished batch bytes, a read-only view, position 0; {@link #close()} must have been called. */
    public ByteBuffer records() {
        if (built == null) {
            throw new IllegalStateException("batch for " + topicPartition + " is not closed");
        }
        return built.asReadOnlyBuffer();
    }

    /**
     * Completes the batch: success with the base offset the leader assigned (-1 under acks=0) and
     * its log-append time (-1 for create time), or failure with {@code error}. Returns false if it
     * had already completed. Callback exceptions are logged and do not stop later callbacks.
     */
    public boolean complete(long baseOffset, long logAppendTime, Optional<RuntimeException> error) {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        result.set(baseOffset, logAppendTime, error);
        for (int i = 0; i < futures.size(); i++) {
            Callback callback = callbacks.get(i);
            if (callback != null) {
                runCallback(callback, error, futures.get(i));
            }
        }
        result.done();
        return true;
    }

    private void runCallback(Callback callback, Optional<RuntimeException> error, FutureRecordMetadata future) {
        try {
            if (error.isPresent()) {
                callback.onCompletion(null, error.get());
            } else {
                RecordMetadata metadata = future.value();
                callback.onCompletion(metadata, null);
            }
        } catch (RuntimeException e) {
            LOG.error("Producer callback for {} threw; continuing with the next one", topicPartition, e);
        }
    }

    /** Marks a retry: counts the attempt and restarts the backoff from {@code nowMs}. */
    void reenqueued(long nowMs) {
        attempts++;
        lastAttemptMs = nowMs;
    }

    /** Records that the batch was drained into a request at {@code nowMs}. */
    void drained(long nowMs) {
        lastAttemptMs = Math.max(lastAttemptMs, nowMs);
    }

    boolean hasReachedDeliveryTimeout(long deliveryTimeoutMs, long nowMs) {
        return nowMs - createdMs >= deliveryTimeoutMs;
    }

    public boolean isDone() {
        return completed.get();
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public int recordCount() {
        return builder.recordCount();
    }

    public int estimatedSizeInBytes() {
        return built != null ? built.remaining() : builder.estimatedSizeInBytes();
    }

    public int attempts() {
        return attempts;
    }

    public long createdMs() {
        return createdMs;
    }

    long lastAttemptMs() {
        return lastAttemptMs;
    }

    ByteBuffer pooledBuffer() {
        return pooled;
    }

    int pooledSize() {
        return pooledSize;
    }

    ProduceRequestResult result() {
        return result;
    }

    @Override
    public String toString() {
        return "ProducerBatch(" + topicPartition + ", records=" + recordCount() + ", attempts=" + attempts + ")";
    }
}
