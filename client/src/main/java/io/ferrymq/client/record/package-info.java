/**
 * Record batches byte for byte in Kafka's v2 format (magic 2): {@link io.ferrymq.client.record.RecordBatch}
 * (a view over one batch), {@link io.ferrymq.client.record.RecordBatchBuilder},
 * {@link io.ferrymq.client.record.RecordBatches} (concatenated batches), Kafka's compression framings and
 * {@link io.ferrymq.client.record.RecordBatchValidator}, which checks every byte a client sends before the
 * broker writes it. Views are not thread-safe; codecs and validators are stateless. A corrupt or lying batch
 * throws {@link io.ferrymq.client.record.CorruptRecordException} or
 * {@link io.ferrymq.client.record.InvalidRecordException}, never reads out of bounds.
 */
package io.ferrymq.client.record;
