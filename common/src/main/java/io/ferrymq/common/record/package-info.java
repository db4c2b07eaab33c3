/**
 * Record batches byte for byte in Kafka's v2 format (magic 2): {@link io.ferrymq.common.record.RecordBatch}
 * (a view over one batch), {@link io.ferrymq.common.record.RecordBatchBuilder},
 * {@link io.ferrymq.common.record.RecordBatches} (concatenated batches), Kafka's compression framings and
 * {@link io.ferrymq.common.record.RecordBatchValidator}, which checks every byte a client sends before the
 * broker writes it. Views are not thread-safe; codecs and validators are stateless. A corrupt or lying batch
 * throws {@link io.ferrymq.common.errors.CorruptRecordException} or
 * {@link io.ferrymq.common.errors.InvalidRecordException}, never reads out of bounds.
 */
package io.ferrymq.common.record;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.InvalidRecordException;
