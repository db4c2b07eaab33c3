package io.ferrymq.broker.log.producer;

import java.util.List;
import java.util.Optional;

/**
 * The state of one producer on one partition: its current epoch and its last
 * {@value #BATCHES_TO_RETAIN} batches, oldest first (never empty). Immutable: an append makes a new
 * entry (with one array and one immutable list: the leader builds one per appended batch).
 *
 * @param producerId the producer id
 * @param epoch the epoch of the latest batch
 * @param batches the last batches of that epoch, oldest first, at most {@value #BATCHES_TO_RETAIN}
 */
public record ProducerStateEntry(long producerId, short epoch, List<BatchMetadata> batches) {

    /** Kafka's window of batches a producer may have in flight and a retry may duplicate. */
    public static final int BATCHES_TO_RETAIN = 5;

    public ProducerStateEntry {
        batches = List.copyOf(batches);
        if (batches.isEmpty() || batches.size() > BATCHES_TO_RETAIN) {
            throw new IllegalArgumentException("producer " + producerId + " must have 1 to " + BATCHES_TO_RETAIN
                    + " batches, had " + batches.size());
        }
    }

    /** The entry of a producer whose first batch (or first batch of a new epoch) is {@code batch}. */
    public static ProducerStateEntry first(ProducerBatch batch) {
        return new ProducerStateEntry(batch.producerId(), batch.epoch(), List.of(batch.metadata()));
    }

    /**
     * This entry after {@code batch}: a new epoch starts afresh; the same epoch keeps the last
     * {@value #BATCHES_TO_RETAIN} batches.
     */
    public ProducerStateEntry with(ProducerBatch batch) {
        if (batch.epoch() != epoch) {
            return first(batch);
        }
        int kept = Math.min(batches.size(), BATCHES_TO_RETAIN - 1);
        BatchMetadata[] next = new BatchMetadata[kept + 1];
        for (int i = 0; i < kept; i++) {
            next[i] = batches.get(batches.size() - kept + i);
        }
        next[kept] = batch.metadata();
        return new ProducerStateEntry(producerId, epoch, List.of(next));
    }

    public BatchMetadata lastBatch() {
        return batches.get(batches.size() - 1);
    }

    public int lastSeq() {
        return lastBatch().lastSeq();
    }

    /** The largest timestamp of the latest batch: expiry counts from it. */
    public long lastTimestamp() {
        return lastBatch().maxTimestamp();
    }

    /** The retained batch with exactly this sequence range. */
    public Optional<BatchMetadata> findDuplicate(int firstSeq, int lastSeq) {
        for (BatchMetadata batch : batches) {
            if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
                return Optional.of(batch);
            }
        }
        return Optional.empty();
    }
}
