/**
 * One hosted replica of a partition and the pure rules over it: {@link io.ferrymq.broker.partition.Partition}
 * (its log, role, leader epoch, high watermark, ISR view) over the {@link io.ferrymq.broker.partition.ReplicaLog}
 * seam to storage, and the policies {@link io.ferrymq.broker.partition.HighWatermarkPolicy},
 * {@link io.ferrymq.broker.partition.IsrPolicy}, {@link io.ferrymq.broker.partition.TruncationPolicy} and
 * {@link io.ferrymq.broker.partition.LeaderEpochCheck}, which are pure and tested without files or threads.
 * Arrows: {@code replication -> partition -> log}; nothing here imports {@code replication}, and the
 * log's own types ({@code LogAppendInfo}, {@code TimestampAndOffset}, {@code ValidatedBatches}) pass
 * through {@link io.ferrymq.broker.partition.ReplicaLog} untranslated.
 *
 * <p>Threads: none of its own. The replica manager's request threads and follower fetcher threads call
 * a partition; every state change, append and truncation holds the partition's one lock; leader
 * appends are validated before it is taken.
 *
 * <p>Invariants: {@code logStartOffset <= highWatermark <= logEndOffset}; the high watermark never
 * decreases while leading and is computed over the maximal ISR (committed ISR plus a change being
 * written); at most one ISR change is pending and it is used as the committed ISR only after
 * {@code applyIsr}; requests with an older leader epoch are fenced.
 */
package io.ferrymq.broker.partition;
