package io.ferrymq.client.consumer;

import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.network.NetworkChannel;
import io.ferrymq.client.common.internals.EventQueue;
import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.common.internals.MetadataRefresher;
import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.client.common.serialization.Deserializer;
import io.ferrymq.client.consumer.internals.ConsumerNetwork;
import io.ferrymq.client.consumer.internals.Deserializers;
import io.ferrymq.client.consumer.internals.Fetcher;
import io.ferrymq.client.consumer.internals.FetcherContext;
import io.ferrymq.client.consumer.internals.GroupMembership;
import io.ferrymq.client.consumer.internals.OffsetLookup;
import io.ferrymq.client.consumer.internals.SubscriptionState;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.consumer.internals.group.OffsetCommitCallback;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer: positions in {@link SubscriptionState}, fetches by the {@link Fetcher} (one in
 * flight per leader, sent again before {@code poll} returns so the next data arrives while the
 * application works), resets and lookups by {@link OffsetLookup}, all driven from the caller's
 * thread by network events. See {@link Consumer} for the contract.
 *
 * <p>Not thread-safe: a second thread calling in concurrently gets a
 * {@link ConcurrentModificationException}; only {@link #wakeup()} may be called from anywhere.
 */
public final class FerryConsumer<K, V> implements Consumer<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(FerryConsumer.class);

    private final ConsumerConfig config;
    private final Clock clock;
    private final SubscriptionState subscriptions;
    private final Metadata metadata;
    private final ConsumerNetwork network;
    private final Fetcher<K, V> fetcher;
    private final OffsetLookup offsets;
    private final GroupMembership group;
    private final Optional<RequestChannel> ownChannel;
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private boolean closed;

    public FerryConsumer(Map<String, ?> configs, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(ConsumerConfig.parse(configs), new Deserializers<>(keyDeserializer, valueDeserializer), null,
                Clock.systemUTC());
    }

    /** For tests and tools: an explicit channel (null = the network client) and clock. */
    public FerryConsumer(ConsumerConfig config, Deserializers<K, V> deserializers, RequestChannel channel, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.subscriptions = new SubscriptionState(config.autoOffsetReset());
        this.metadata = new Metadata(config.bootstrapServers(), config.retryBackoffMs(), config.metadataMaxAgeMs());
        this.ownChannel = channel != null ? Optional.empty()
                : Optional.of(NetworkChannel.open(config.clientId(), config.requestTimeoutMs(), config.security()));
        RequestChannel channelInUse = ownChannel.orElse(channel);
        EventQueue events = new EventQueue();
        FetcherContext context = new FetcherContext(config, subscriptions, metadata, channelInUse, events, clock);
        this.network = new ConsumerNetwork(events, new MetadataRefresher(metadata, channelInUse, events, clock), clock,
                config.retryBackoffMs());
        this.fetcher = new Fetcher<>(context, deserializers);
        this.offsets = new OffsetLookup(context);
        this.group = new GroupMembership(config, subscriptions, clock);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        run(() -> {
            subscriptions.assignFromUser(partitions);
            partitions.forEach(tp -> metadata.addTopic(tp.topic()));
        });
    }

    @Override
    public Set<TopicPartition> assignment() {
        return call(subscriptions::assignedPartitions);
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, RebalanceListener.NONE);
    }

    @Override
    public void subscribe(Collection<String> topics, RebalanceListener listener) {
        run(() -> {
            group.subscribe(topics, listener);
            topics.forEach(metadata::addTopic);
        });
    }

    @Override
    public void unsubscribe() {
        run(group::unsubscribe);
    }

    @Override
    public Set<String> subscription() {
        return call(subscriptions::subscription);
    }

    @Override
    public void commitSync() {
        run(() -> group.commitSync(Duration.ofMillis(config.defaultApiTimeoutMs())));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        run(() -> group.commitSync(offsets, Duration.ofMillis(config.defaultApiTimeoutMs())));
    }

    @Override
    public void commitAsync() {
        run(() -> group.commitAsync((committed, failure) -> failure.ifPresent(e ->
                LOG.warn("Asynchronous commit of {} failed: {}", committed.keySet(), e.getMessage()))));
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        run(() -> group.commitAsync(offsets, callback));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return call(() -> group.committed(partitions, Duration.ofMillis(config.defaultApiTimeoutMs())));
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        return call(() -> {
            if (subscriptions.assignedPartitions().isEmpty() && !group.isSubscribed()) {
                throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
            }
            long deadline = clock.millis() + timeout.toMillis();
            group.poll(timeout);
            do {
                Map<TopicPartition, List<ConsumerRecord<K, V>>> records = pollOnce(deadline);
                if (!records.isEmpty()) {
                    fetcher.sendFetches();
                    return new ConsumerRecords<>(records);
                }
            } while (clock.millis() < deadline);
            return ConsumerRecords.<K, V>empty();
        });
    }

    private Map<TopicPartition, List<ConsumerRecord<K, V>>> pollOnce(long deadline) {
        network.maybeThrowWakeup();
        network.runPending();
        subscriptions.resetMissingPositions();
        offsets.maybeSendResets(clock.millis());
        Map<TopicPartition, List<ConsumerRecord<K, V>>> records = fetcher.collect();
        if (!records.isEmpty()) {
            return records;
        }
        fetcher.sendFetches();
        network.pollEvents(deadline);
        network.maybeThrowWakeup();
        return fetcher.collect();
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        run(() -> subscriptions.seek(partition, offset));
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        run(() -> resetAll(partitions, OffsetResetStrategy.EARLIEST));
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        run(() -> resetAll(partitions, OffsetResetStrategy.LATEST));
    }

    private void resetAll(Collection<TopicPartition> partitions, OffsetResetStrategy strategy) {
        (partitions.isEmpty() ? subscriptions.assignedPartitions() : partitions)
                .forEach(tp -> subscriptions.requestReset(tp, strategy));
    }

    @Override
    public long position(TopicPartition partition) {
        return call(() -> {
            subscriptions.position(partition);
            subscriptions.resetMissingPositions();
            network.awaitCondition(() -> subscriptions.position(partition).isPresent(), config.requestTimeoutMs(),
                    "the position of " + partition, () -> offsets.maybeSendResets(clock.millis()));
            return subscriptions.position(partition).getAsLong();
        });
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        run(() -> {
            partitions.forEach(subscriptions::pause);
            fetcher.clearBufferedDataFor(Set.copyOf(partitions));
        });
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        run(() -> partitions.forEach(subscriptions::resume));
    }

    @Override
    public Set<TopicPartition> paused() {
        return call(subscriptions::pausedPartitions);
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return listOffsets(partitions, ListOffsetsRequest.EARLIEST_TIMESTAMP);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return listOffsets(partitions, ListOffsetsRequest.LATEST_TIMESTAMP);
    }

    private Map<TopicPartition, Long> listOffsets(Collection<TopicPartition> partitions, long target) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, target));
        Map<TopicPartition, Long> result = new HashMap<>();
        call(() -> offsets.lookupBlocking(query, config.requestTimeoutMs(), network)).forEach((tp, r) -> result.put(tp, r.offset()));
        return result;
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        timestamps.forEach((tp, ts) -> {
            if (ts < 0) {
                throw new IllegalArgumentException("Timestamp must be >= 0, was " + ts + " for " + tp);
            }
        });
        Map<TopicPartition, OffsetAndTimestamp> result = new HashMap<>();
        call(() -> offsets.lookupBlocking(timestamps, config.requestTimeoutMs(), network)).forEach((tp, r) -> {
            if (r.offset() >= 0) {
                result.put(tp, new OffsetAndTimestamp(r.offset(), r.timestamp()));
            }
        });
        return result;
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return call(() -> {
            metadata.addTopic(topic);
            metadata.requestUpdate();
            int version = metadata.version();
            network.awaitCondition(() -> metadata.version() > version, config.requestTimeoutMs(), "the metadata of " + topic,
                    () -> { });
            metadata.topicError(topic).filter(e -> e != ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).ifPresent(e -> {
                throw e.exception("Cannot describe topic " + topic + ": " + e.defaultMessage());
            });
            return metadata.cluster().partitionsForTopic(topic);
        });
    }

    @Override
    public void wakeup() {
        network.wakeup();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    @Override
    public void close(Duration timeout) {
        if (!closed) {
            run(() -> {
                try {
                    group.close();
                } finally {
                    ownChannel.ifPresent(RequestChannel::close);
                }
            });
            closed = true;
        }
    }

    private void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Runs {@code action} as the only thread inside this consumer; refuses a closed consumer. */
    private <T> T call(Supplier<T> action) {
        Thread me = Thread.currentThread();
        boolean acquired = owner.compareAndSet(null, me);
        if (!acquired && owner.get() != me) {
            throw new ConcurrentModificationException("FerryConsumer is not safe for multi-threaded access");
        }
        try {
            if (closed) {
                throw new IllegalStateException("This consumer has already been closed");
            }
            return action.get();
        } finally {
            if (acquired) {
                owner.set(null);
            }
        }
    }
}
