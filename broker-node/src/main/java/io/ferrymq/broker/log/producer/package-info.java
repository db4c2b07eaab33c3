/**
 * Idempotent-producer state of a partition log (KIP-98, KIP-360), pure and free of I/O:
 * {@link io.ferrymq.broker.log.producer.ProducerStateManager} holds each producer's epoch and last five
 * batches and applies the sequence rules to leader appends;
 * {@link io.ferrymq.broker.log.producer.ProducerSnapshotCodec} is Kafka's {@code .snapshot} format. The log
 * package's {@code LogProducerState} owns the files (names from {@code LogFiles}), the snapshots at roll
 * and close and the rebuild from batch headers; nothing here imports the log package.
 */
package io.ferrymq.broker.log.producer;
