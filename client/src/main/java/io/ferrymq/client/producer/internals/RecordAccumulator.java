package io.ferrymq.client.producer.internals;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.producer.Callback;
import io.ferrymq.common.record.Header;
import io.ferrymq.common.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-partition queues of batches being filled by caller threads and drained by the one I/O
 * thread (Kafka's design). Records are encoded into pooled buffers as they arrive; a full batch
 * or one older than {@code linger.ms} makes its leader "ready" ({@link ReadyDrain}). Memory is
 * bounded by the {@link BufferPool}: {@code append} blocks up to {@code max.block.ms} for it.
 *
 * <p>Per-partition order: batches leave a deque in order, and a retried batch goes back to its
 * front. Thread-safety: each deque is guarded by its own monitor; the deque map is concurrent;
 * {@code closed} and flush counters are atomic or volatile.
 */
public final class RecordAccumulator {

    private final AccumulatorConfig config;
    private final BufferPool pool;
    private final ConcurrentHashMap<TopicPartition, Deque<ProducerBatch>> batches = new ConcurrentHashMap<>();
    private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private final AtomicInteger appendsInProgress = new AtomicInteger();
    private volatile boolean closed;

    public RecordAccumulator(AccumulatorConfig config, BufferPool pool) {
        this.config = config;
        this.pool = pool;
    }

    /**
     * Appends a record to the last batch of {@code tp}, or to a new batch in a buffer from the pool
     * (blocking up to {@code maxBlockMs} for memory, without holding the deque's lock).
     */
    public AppendResult append(TopicPartition tp, long timestamp, byte[] key, byte[] value, List<Header> headers,
                               Callback callback, long maxBlockMs, long nowMs) {
        appendsInProgress.incrementAndGet();
        try {
            int recordSize = recordSizeUpperBound(key, value, headers);
            Deque<ProducerBatch> deque = dequeFor(tp);
            synchronized (deque) {
                Optional<AppendResult> appended = tryAppend(deque, timestamp, key, value, headers, callback, recordSize);
                if (appended.isPresent()) {
                    return appended.get();
                }
            }
            int size = Math.max(config.batchSize(), RecordBatch.HEADER_SIZE + recordSize);
            ByteBuffer buffer = pool.allocate(size, maxBlockMs);
            return appendToNewBatch(tp, deque, buffer, timestamp, key, value, headers, callback, recordSize, nowMs);
        } finally {
            appendsInProgress.decrementAndGet();
        }
    }

    private AppendResult appendToNewBatch(TopicPartition tp, Deque<ProducerBatch> deque, ByteBuffer buffer,
                                          long timestamp, byte[] key, byte[] value, List<Header> headers,
                                          Callback callback, int recordSize, long nowMs) {
        boolean bufferUsed = false;
        try {
            synchronized (deque) {
                Optional<AppendResult> appended = tryAppend(deque, timestamp, key, value, headers, callback, recordSize);
                if (appended.isPresent()) {
                    return appended.get();
                }
                ProducerBatch batch = new ProducerBatch(tp, buffer,
                        Math.max(config.batchSize(), buffer.capacity()), config.compression(), nowMs);
                FutureRecordMetadata future = batch.tryAppend(timestamp, key, value, headers, callback, recordSize)
                        .orElseThrow(() -> new IllegalStateException("first record must fit a new batch"));
                deque.addLast(batch);
                incomplete.add(batch);
                bufferUsed = true;
                return new AppendResult(future, deque.size() > 1 || batch.isFull(), true);
            }
        } finally {
            if (!bufferUsed) {
                pool.deallocate(buffer, buffer.capacity());
            }
        }
    }

    private Optional<AppendResult> tryAppend(Deque<ProducerBatch> deque, long timestamp, byte[] key, byte[] value,
                                             List<Header> headers, Callback callback, int recordSize) {
        if (closed) {
            throw new IllegalStateException("Cannot send after the producer is closed");
        }
        ProducerBatch last = deque.peekLast();
        if (last == null) {
            return Optional.empty();
        }
        return last.tryAppend(timestamp, key, value, headers, callback, recordSize)
                .map(future -> new AppendResult(future, deque.size() > 1 || last.isFull(), false));
    }

    /** An upper bound of the bytes one record adds to a batch (varint overheads at their largest). */
    static int recordSizeUpperBound(byte[] key, byte[] value, List<Header> headers) {
        int size = 5 + 1 + 10 + 5 + 5 + (key == null ? 0 : key.length) + 5 + (value == null ? 0 : value.length) + 5;
        for (int i = 0; i < headers.size(); i++) {
            Header header = headers.get(i);
            size += 10 + header.key().length() * 3 + header.value().map(ByteBuffer::remaining).orElse(0);
        }
        return size;
    }

    /** Puts a failed batch back at the front of its deque, for a retry after the backoff. */
    public void reenqueue(ProducerBatch batch, long nowMs) {
        batch.reenqueued(nowMs);
        Deque<ProducerBatch> deque = dequeFor(batch.topicPartition());
        synchronized (deque) {
            deque.addFirst(batch);
        }
    }

    /** Removes and returns queued batches older than {@code delivery.timeout.ms}; the caller fails them. */
    public List<ProducerBatch> expiredBatches(long nowMs) {
        List<ProducerBatch> expired = new ArrayList<>();
        for (Deque<ProducerBatch> deque : batches.values()) {
            synchronized (deque) {
                while (!deque.isEmpty()
                        && deque.peekFirst().hasReachedDeliveryTimeout(config.deliveryTimeoutMs(), nowMs)) {
                    ProducerBatch batch = deque.pollFirst();
                    batch.close();
                    expired.add(batch);
                }
            }
        }
        return expired;
    }

    /** Releases a completed batch's buffer and forgets it. */
    public void deallocate(ProducerBatch batch) {
        if (incomplete.remove(batch)) {
            pool.deallocate(batch.pooledBuffer(), batch.pooledSize());
        }
    }

    /** Makes every queued batch sendable at once, until the matching {@link #awaitFlushCompletion()}. */
    public void beginFlush() {
        flushesInProgress.incrementAndGet();
    }

    /** Waits until every batch incomplete at the call has completed (successfully or not). */
    public void awaitFlushCompletion() throws InterruptedException {
        try {
            for (ProducerBatch batch : List.copyOf(incomplete)) {
                batch.result().await();
            }
        } finally {
            flushesInProgress.decrementAndGet();
        }
    }

    boolean flushInProgress() {
        return flushesInProgress.get() > 0;
    }

    /** Refuses further appends; queued batches become sendable immediately. */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True while any batch is queued, in flight or awaiting its callbacks. */
    public boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    /** True when the last queued batch of {@code tp} still takes records (it is neither full nor drained). */
    public boolean hasFillingBatch(TopicPartition tp) {
        Deque<ProducerBatch> deque = batches.get(tp);
        if (deque == null) {
            return false;
        }
        synchronized (deque) {
            ProducerBatch last = deque.peekLast();
            return last != null && !last.isFull();
        }
    }

    /** True while some caller thread is inside {@link #append}. */
    public boolean hasAppendsInProgress() {
        return appendsInProgress.get() > 0;
    }

    /** Fails every batch that has not completed yet with {@code error} and frees its memory. */
    public void abortIncompleteBatches(RuntimeException error) {
        do {
            for (ProducerBatch batch : List.copyOf(incomplete)) {
                Deque<ProducerBatch> deque = dequeFor(batch.topicPartition());
                synchronized (deque) {
                    deque.remove(batch);
                    batch.close();
                }
                batch.complete(-1, -1, Optional.of(error));
                deallocate(batch);
            }
        } while (hasAppendsInProgress());
    }

    BufferPool pool() {
        return pool;
    }

    AccumulatorConfig config() {
        return config;
    }

    Map<TopicPartition, Deque<ProducerBatch>> deques() {
        return batches;
    }

    Deque<ProducerBatch> dequeFor(TopicPartition tp) {
        Deque<ProducerBatch> deque = batches.get(tp);
        return deque != null ? deque : batches.computeIfAbsent(tp, k -> new ArrayDeque<>());
    }
}
