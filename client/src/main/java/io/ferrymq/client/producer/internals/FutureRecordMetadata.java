package io.ferrymq.client.producer.internals;

import io.ferrymq.client.producer.RecordMetadata;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future {@code send()} returns for one record: its batch's shared result plus the record's
 * position in the batch. Cancelling is not supported (a record handed to the producer is sent).
 *
 * <p>Thread-safe.
 */
public final class FutureRecordMetadata implements Future<RecordMetadata> {

    private final ProduceRequestResult result;
    private final String topic;
    private final int partition;
    private final int relativeOffset;
    private final long createTimestamp;

    FutureRecordMetadata(ProduceRequestResult result, String topic, int partition, int relativeOffset,
                         long createTimestamp) {
        this.result = result;
        this.topic = topic;
        this.partition = partition;
        this.relativeOffset = relativeOffset;
        this.createTimestamp = createTimestamp;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public RecordMetadata get() throws InterruptedException, ExecutionException {
        result.await();
        return valueOrError();
    }

    @Override
    public RecordMetadata get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!result.await(timeout, unit)) {
            throw new TimeoutException("Timeout after waiting " + unit.toMillis(timeout)
                    + " ms for the acknowledgement of a record to " + topic + "-" + partition);
        }
        return valueOrError();
    }

    /** The metadata once the batch succeeded; valid only after completion. */
    RecordMetadata value() {
        long base = result.baseOffset();
        long offset = base < 0 ? -1 : base + relativeOffset;
        long timestamp = result.logAppendTime() >= 0 ? result.logAppendTime() : createTimestamp;
        return new RecordMetadata(topic, partition, offset, timestamp);
    }

    private RecordMetadata valueOrError() throws ExecutionException {
        if (result.error().isPresent()) {
            throw new ExecutionException(result.error().get());
        }
        return value();
    }
}
