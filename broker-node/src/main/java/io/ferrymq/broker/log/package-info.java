/**
 * Storage of partition logs, byte for byte Kafka's on-disk format: {@link io.ferrymq.broker.log.LogManager}
 * (every partition log of the broker over {@code log.dirs}, checkpoints, clean-shutdown marker),
 * {@link io.ferrymq.broker.log.PartitionLog} (one partition: segment map, append, read, truncate;
 * its javadoc defines the offset vocabulary), {@link io.ferrymq.broker.log.LogSegment} and
 * {@link io.ferrymq.broker.log.SegmentFile} (one segment), {@link io.ferrymq.broker.log.OpenSegmentFiles}
 * (the broker-wide cap on open {@code .log} files of inactive segments), {@link io.ferrymq.broker.log.LogRetention} and
 * {@link io.ferrymq.broker.log.LogFlusher} (retention with delayed deletes; fsync and recovery point),
 * {@link io.ferrymq.broker.log.LogLoader} (recovery at open), {@link io.ferrymq.broker.log.LeaderEpochCache},
 * {@link io.ferrymq.broker.log.LogProducerState} (idempotent-producer state and its snapshots, see
 * {@link io.ferrymq.broker.log.producer}),
 * and validation before append ({@link io.ferrymq.broker.log.LogValidator}). Only
 * {@link io.ferrymq.broker.log.LogFiles} builds or parses file names.
 *
 * <p>Threads: request threads validate leader appends before any lock
 * ({@link io.ferrymq.broker.log.ValidatedBatches}), then append one at a time under the partition log's
 * lock; reads take no lock. {@link io.ferrymq.broker.log.LogScheduler} owns two named threads,
 * {@code ferry-log-retention} and {@code ferry-log-flusher}, joined on close. Fsyncs are serialized on
 * a flush lock of their own, so they never block readers.
 *
 * <p>Invariants: {@code logStartOffset <= logEndOffset}; a reader bounded by the published log end
 * never sees a partial batch; an append is all or nothing (a failed one leaves files, indexes, log end
 * and epoch cache as before, or the log refuses appends until reopened); leader epochs and their start
 * offsets strictly increase; indexes are derived data, rebuilt from the log when untrusted; corruption
 * found at start-up is truncated away, never fatal.
 */
package io.ferrymq.broker.log;
