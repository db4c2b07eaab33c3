package io.ferrymq.broker.log.producer;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The idempotent-producer state of one partition log: per producer id its epoch and last
 * {@value ProducerStateEntry#BATCHES_TO_RETAIN} batches (KIP-98). A leader append is checked
 * batch by batch, in order, against this state and the batches before it in the same append:
 * <ul>
 *   <li>an epoch older than the producer's is {@code INVALID_PRODUCER_EPOCH};
 *   <li>a newer epoch must start at sequence 0, else {@code OUT_OF_ORDER_SEQUENCE_NUMBER};
 *   <li>in the same epoch, a batch with the sequence range of a retained batch is a duplicate: when
 *       it is the append's only batch the append writes nothing and is answered with the retained
 *       offsets; in a larger append it is {@code DUPLICATE_SEQUENCE_NUMBER};
 *   <li>otherwise the first sequence must follow the last (wrapping from {@link Integer#MAX_VALUE}
 *       to 0), else {@code OUT_OF_ORDER_SEQUENCE_NUMBER};
 *   <li>an unknown (or expired) producer must start at 0, else {@code UNKNOWN_PRODUCER_ID} (KIP-360:
 *       the producer bumps its epoch and restarts at 0).
 * </ul>
 * Follower appends and log replay {@link #update} without checking. A producer whose latest batch's
 * timestamp is {@code producer.id.expiration.ms} old is dropped: by the sweep of
 * {@link #maybeRemoveExpired} and, between sweeps, by treating it as unknown.
 *
 * <p>Not thread-safe: the owning log calls it under its append lock.
 */
public final class ProducerStateManager {

    /** Kafka's {@code producer.id.expiration.check.interval.ms} default: how often expired producers are swept. */
    public static final long EXPIRATION_CHECK_INTERVAL_MS = 600_000L;

    private final String partition;
    private final long expirationMs;
    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();
    private long lastSweepMs = Long.MIN_VALUE;

    /**
     * @param partition names the partition in error messages
     * @param expirationMs {@code producer.id.expiration.ms}
     */
    public ProducerStateManager(String partition, long expirationMs) {
        this.partition = partition;
        this.expirationMs = expirationMs;
    }

    /**
     * Checks a leader append (every batch of it, in order; batches without a producer pass) and
     * changes nothing but dropping expired producers it meets. Returns the retained batch when the
     * append is one duplicate batch.
     *
     * @throws io.ferrymq.common.errors.ApiException with the error codes listed in the class doc
     */
    public Optional<BatchMetadata> validateLeaderAppend(List<ProducerBatch> batches, long nowMs) {
        // The usual append is one batch: its check needs no map of the entries pending in this append.
        Map<Long, ProducerStateEntry> pending = batches.size() == 1 ? Map.of() : new HashMap<>();
        for (ProducerBatch batch : batches) {
            if (!batch.hasProducerId()) {
                continue;
            }
            ProducerStateEntry inAppend = pending.get(batch.producerId());
            Optional<ProducerStateEntry> current = inAppend != null ? Optional.of(inAppend)
                    : live(batch.producerId(), nowMs);
            Optional<BatchMetadata> duplicate = check(current, batch);
            if (duplicate.isPresent()) {
                if (batches.size() == 1) {
                    return duplicate;
                }
                throw error(ErrorCode.DUPLICATE_SEQUENCE_NUMBER, batch, "sequences " + batch.firstSeq() + ".."
                        + batch.lastSeq() + " were appended at offset " + duplicate.get().firstOffset()
                        + "; a duplicate is answered only when it is the append's one batch");
            }
            if (batches.size() > 1) {
                pending.put(batch.producerId(),
                        current.map(e -> e.with(batch)).orElseGet(() -> ProducerStateEntry.first(batch)));
            }
        }
        return Optional.empty();
    }

    /** Records appended batches without checking them (after a leader append, a follower append, replay). */
    public void update(List<ProducerBatch> batches) {
        for (ProducerBatch batch : batches) {
            if (batch.hasProducerId()) {
                ProducerStateEntry entry = producers.get(batch.producerId());
                producers.put(batch.producerId(), entry == null ? ProducerStateEntry.first(batch) : entry.with(batch));
            }
        }
    }

    /** Drops expired producers when the last sweep is {@link #EXPIRATION_CHECK_INTERVAL_MS} old. */
    public void maybeRemoveExpired(long nowMs) {
        if (lastSweepMs == Long.MIN_VALUE || nowMs - lastSweepMs >= EXPIRATION_CHECK_INTERVAL_MS) {
            removeExpired(nowMs);
        }
    }

    /** Drops every producer whose latest batch is {@code producer.id.expiration.ms} old. */
    public void removeExpired(long nowMs) {
        producers.values().removeIf(entry -> isExpired(entry, nowMs));
        lastSweepMs = nowMs;
    }

    /** Replaces the whole state with {@code entries} (a loaded snapshot; empty to forget every producer). */
    public void reset(Collection<ProducerStateEntry> entries) {
        producers.clear();
        entries.forEach(e -> producers.put(e.producerId(), e));
    }

    public Optional<ProducerStateEntry> entry(long producerId) {
        return Optional.ofNullable(producers.get(producerId));
    }

    /** A copy of every entry, for a snapshot. */
    public List<ProducerStateEntry> entries() {
        return List.copyOf(producers.values());
    }

    private Optional<ProducerStateEntry> live(long producerId, long nowMs) {
        ProducerStateEntry entry = producers.get(producerId);
        if (entry != null && isExpired(entry, nowMs)) {
            producers.remove(producerId);
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    private boolean isExpired(ProducerStateEntry entry, long nowMs) {
        return nowMs - entry.lastTimestamp() >= expirationMs;
    }

    private Optional<BatchMetadata> check(Optional<ProducerStateEntry> current, ProducerBatch batch) {
        if (current.isEmpty()) {
            if (batch.firstSeq() != 0) {
                throw error(ErrorCode.UNKNOWN_PRODUCER_ID, batch, "unknown producer must start at sequence 0, sent "
                        + batch.firstSeq());
            }
            return Optional.empty();
        }
        ProducerStateEntry entry = current.get();
        if (batch.epoch() < entry.epoch()) {
            throw error(ErrorCode.INVALID_PRODUCER_EPOCH, batch, "epoch is older than the current " + entry.epoch());
        }
        if (batch.epoch() > entry.epoch()) {
            if (batch.firstSeq() != 0) {
                throw error(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, batch, "new epoch (current " + entry.epoch()
                        + ") must start at sequence 0, sent " + batch.firstSeq());
            }
            return Optional.empty();
        }
        Optional<BatchMetadata> duplicate = entry.findDuplicate(batch.firstSeq(), batch.lastSeq());
        if (duplicate.isEmpty() && batch.firstSeq() != ProducerBatch.incrementSequence(entry.lastSeq(), 1)) {
            throw error(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, batch, "expected sequence "
                    + ProducerBatch.incrementSequence(entry.lastSeq(), 1) + ", sent " + batch.firstSeq());
        }
        return duplicate;
    }

    private RuntimeException error(ErrorCode code, ProducerBatch batch, String detail) {
        return code.exception("partition " + partition + ", producer " + batch.producerId() + " epoch "
                + batch.epoch() + ": " + detail);
    }
}
