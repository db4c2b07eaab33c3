package io.ferrymq.client.producer.internals;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The idempotent producer's state (Kafka's {@code TransactionManager} without transactions): the
 * producer id and epoch, and per partition the next sequence and its <em>unresolved</em> batches
 * (sequenced, neither acknowledged nor failed) in sequence order.
 *
 * <p>Rules. A batch gets its sequence when drained and keeps it across retries, so a broker
 * recognises a resent batch. A partition has at most {@code maxInFlight} unresolved batches. When
 * a partition's sequences break (the broker answers {@code OUT_OF_ORDER_SEQUENCE_NUMBER} or
 * {@code UNKNOWN_PRODUCER_ID}, or a sequenced batch fails) the epoch is bumped (KIP-360; a fresh
 * id once the epoch is exhausted) and that partition restarts at sequence 0: its unresolved
 * batches that no broker can hold are resequenced, those that one may hold are given back to be
 * failed, since resent under the new epoch they could be written twice. Other partitions move to
 * the new epoch, at sequence 0, once their unresolved batches are resolved. An old epoch
 * ({@code INVALID_PRODUCER_EPOCH}) is fatal.
 *
 * <p>Lifecycle: UNINITIALIZED → INITIALIZING → READY; READY → UNINITIALIZED when the epoch is
 * exhausted; to DISABLED when the brokers lack InitProducerId and idempotence was only a
 * default; to FATAL for good. Confined to the producer's I/O thread, except {@link #fatalError()}.
 */
public final class IdempotenceManager {

    /** Where the producer id stands. */
    public enum State { UNINITIALIZED, INITIALIZING, READY, DISABLED, FATAL }

    /** Errors after which the broker has certainly not written the batch. */
    private static final Set<ErrorCode> REJECTED = EnumSet.of(ErrorCode.NOT_LEADER_OR_FOLLOWER,
            ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.FENCED_LEADER_EPOCH,
            ErrorCode.UNKNOWN_LEADER_EPOCH, ErrorCode.NOT_ENOUGH_REPLICAS, ErrorCode.CORRUPT_MESSAGE,
            ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.RECORD_LIST_TOO_LARGE, ErrorCode.INVALID_RECORD,
            ErrorCode.INVALID_REQUIRED_ACKS, ErrorCode.INVALID_TOPIC_EXCEPTION, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
            ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, ErrorCode.UNKNOWN_PRODUCER_ID, ErrorCode.INVALID_PRODUCER_EPOCH);

    private final ProducerConfig.Idempotence mode;
    private final int maxInFlight;
    private final Map<TopicPartition, PartitionSequences> partitions = new HashMap<>();
    private State state;
    private Optional<ProducerIdAndEpoch> current = Optional.empty();
    private volatile Optional<ApiException> fatalError = Optional.empty();

    public IdempotenceManager(ProducerConfig.Idempotence mode, int maxInFlight) {
        this.mode = mode;
        this.maxInFlight = maxInFlight;
        this.state = mode.isEnabled() ? State.UNINITIALIZED : State.DISABLED;
    }

    /** True for the broker's sequence-gap answers, after which the partition restarts its sequences. */
    public static boolean isSequenceGap(ErrorCode error) {
        return error == ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER || error == ErrorCode.UNKNOWN_PRODUCER_ID;
    }

    public boolean isEnabled() {
        return state != State.DISABLED;
    }

    /** True when the user asked for idempotence, so it may not be dropped for brokers without it. */
    public boolean isRequired() {
        return mode == ProducerConfig.Idempotence.ENABLED;
    }

    public State state() {
        return state;
    }

    public Optional<ProducerIdAndEpoch> producerIdAndEpoch() {
        return current;
    }

    /** The error that stopped the producer; readable from any thread. */
    public Optional<ApiException> fatalError() {
        return fatalError;
    }

    /** Starts an InitProducerId; returns the id and epoch to pass (empty for the first). */
    public Optional<ProducerIdAndEpoch> beginInit() {
        requireState(State.UNINITIALIZED);
        state = State.INITIALIZING;
        return current;
    }

    public void initCompleted(ProducerIdAndEpoch producer) {
        requireState(State.INITIALIZING);
        current = Optional.of(producer);
        state = State.READY;
    }

    /** A retriable InitProducerId failure: the next {@link #beginInit()} tries again. */
    public void initFailed() {
        requireState(State.INITIALIZING);
        state = State.UNINITIALIZED;
    }

    /** The brokers do not serve InitProducerId and idempotence was a default: batches go without ids. */
    public void disable() {
        if (isRequired() || current.isPresent()) {
            throw new IllegalStateException("cannot drop idempotence once required or in use");
        }
        state = State.DISABLED;
    }

    /** Stops the producer for good; every batch must fail with {@code error}. */
    public void fail(ApiException error) {
        fatalError = Optional.of(error);
        state = State.FATAL;
        partitions.clear();
    }

    /** True when {@code batch} may be drained now (see the class rules). */
    public boolean canSend(ProducerBatch batch) {
        if (state == State.DISABLED || batch.hasSequence()) {
            return state != State.FATAL;
        }
        if (state != State.READY) {
            return false;
        }
        PartitionSequences partition = partitions.get(batch.topicPartition());
        return partition == null || partition.unresolved.isEmpty()
                || (partition.unresolved.size() < maxInFlight && current.get().equals(partition.producer));
    }

    /** Gives a drained batch without a sequence the next one of its partition; see {@link #canSend}. */
    public void assignSequence(ProducerBatch batch) {
        if (state == State.DISABLED || batch.hasSequence()) {
            return;
        }
        ProducerIdAndEpoch producer = current.orElseThrow(() -> new IllegalStateException("no producer id"));
        PartitionSequences partition = partitions.computeIfAbsent(batch.topicPartition(),
                tp -> new PartitionSequences());
        if (!producer.equals(partition.producer)) {
            partition.producer = producer;
            partition.nextSequence = 0;
        }
        batch.setProducerState(producer, partition.nextSequence);
        partition.nextSequence = incrementSequence(partition.nextSequence, batch.recordCount());
        partition.unresolved.add(batch);
    }

    /** Kafka's sequence arithmetic: after {@link Integer#MAX_VALUE} comes 0. */
    static int incrementSequence(int sequence, int increment) {
        return (int) ((sequence + (long) increment) % (1L + Integer.MAX_VALUE));
    }

    /** Records an attempt of {@code batch} that ended with {@code error}: unless a certain rejection, it may be written. */
    public void attemptFailed(ProducerBatch batch, ErrorCode error) {
        if (state != State.DISABLED && !REJECTED.contains(error)) {
            batch.markMaybeWritten();
        }
    }

    /** The batch completed (acknowledged or failed); true when it was unresolved, i.e. held a live sequence. */
    public boolean completed(ProducerBatch batch) {
        PartitionSequences partition = partitions.get(batch.topicPartition());
        return partition != null && partition.unresolved.remove(batch);
    }

    /**
     * {@code tp}'s sequences broke for batches sent as {@code failedWith}: bumps the epoch unless
     * it moved on already, clears the sequences of the partition's unresolved batches that no
     * broker holds, and returns those that one may hold, in sequence order, for the caller to fail.
     */
    public List<ProducerBatch> restartSequences(TopicPartition tp, ProducerIdAndEpoch failedWith) {
        maybeBumpEpoch(failedWith);
        PartitionSequences partition = partitions.remove(tp);
        List<ProducerBatch> unsafe = new ArrayList<>();
        if (partition == null) {
            return unsafe;
        }
        for (ProducerBatch batch : partition.unresolved) {
            if (batch.isMaybeWritten()) {
                unsafe.add(batch);
            } else {
                batch.resetSequence();
            }
        }
        return unsafe;
    }

    private void maybeBumpEpoch(ProducerIdAndEpoch failedWith) {
        if (state != State.READY || !current.orElseThrow().equals(failedWith)) {
            return;
        }
        if (failedWith.isEpochExhausted()) {
            state = State.UNINITIALIZED;
        } else {
            current = Optional.of(failedWith.bumpEpoch());
        }
    }

    /** Unresolved batches of {@code tp}, in sequence order. */
    List<ProducerBatch> unresolved(TopicPartition tp) {
        PartitionSequences partition = partitions.get(tp);
        return partition == null ? List.of() : List.copyOf(partition.unresolved);
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("producer id state is " + state + ", expected " + expected);
        }
    }

    /** One partition's sequences: the producer they belong to, the next one, and the unresolved batches. */
    private static final class PartitionSequences {
        private ProducerIdAndEpoch producer;
        private int nextSequence;
        private final List<ProducerBatch> unresolved = new ArrayList<>();
    }
}
