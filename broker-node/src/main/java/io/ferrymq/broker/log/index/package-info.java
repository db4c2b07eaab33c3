/**
 * The two sparse indexes of a segment, in Kafka's file formats: {@link io.ferrymq.broker.log.index.OffsetIndex}
 * ({@code .index}: relative offset to byte position) and {@link io.ferrymq.broker.log.index.TimeIndex}
 * ({@code .timeindex}: timestamp to offset), sharing {@link io.ferrymq.broker.log.index.SparseIndex} and
 * the file behind them, {@link io.ferrymq.broker.log.index.IndexFile}.
 *
 * <p>Threads: written only under the owning partition log's append lock; entries are kept in memory
 * and written to the file in chunks and on flush, close and rename, so after a crash the file may lag
 * the log.
 *
 * <p>Invariants: offset index columns strictly increase; time index timestamps strictly increase and
 * offsets never decrease. An index failing its sanity check ({@link io.ferrymq.broker.log.index.CorruptIndexException})
 * is rebuilt from the log, never trusted.
 */
package io.ferrymq.broker.log.index;
