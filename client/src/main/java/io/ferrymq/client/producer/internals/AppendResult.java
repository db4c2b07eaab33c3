package io.ferrymq.client.producer.internals;

/**
 * What {@link RecordAccumulator#append} did: the record's future, and whether a batch became full
 * or a new batch was created (either is a reason to wake the I/O thread early).
 */
public record AppendResult(FutureRecordMetadata future, boolean batchIsFull, boolean newBatchCreated) {
}
