/**
 * The producer's machinery, after Kafka's: caller threads serialize, partition
 * ({@link io.ferrymq.client.producer.internals.StickyPartitioner}) and append into per-partition batch
 * queues ({@link io.ferrymq.client.producer.internals.RecordAccumulator}) encoded into pooled buffers
 * ({@link io.ferrymq.client.producer.internals.BufferPool}, bounded by {@code buffer.memory}); the one I/O
 * thread ({@link io.ferrymq.client.producer.internals.Sender}) decides what is ready and drains it
 * ({@link io.ferrymq.client.producer.internals.ReadyDrain}, pure) into one Produce request per leader and
 * completes each batch's shared future. Caller threads never touch sockets.
 */
package io.ferrymq.client.producer.internals;
