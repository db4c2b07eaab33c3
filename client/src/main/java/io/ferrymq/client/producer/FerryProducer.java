package io.ferrymq.client.producer;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.errors.InterruptException;
import io.ferrymq.client.common.errors.SerializationException;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.client.network.NetworkChannel;
import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.client.common.serialization.Serializer;
import io.ferrymq.client.producer.internals.AccumulatorConfig;
import io.ferrymq.client.producer.internals.AppendResult;
import io.ferrymq.client.producer.internals.BufferPool;
import io.ferrymq.client.producer.internals.BrokerProducerIdSource;
import io.ferrymq.client.producer.internals.ProducerIdSource;
import io.ferrymq.client.producer.internals.RecordAccumulator;
import io.ferrymq.client.producer.internals.Sender;
import io.ferrymq.client.producer.internals.SenderPorts;
import io.ferrymq.client.producer.internals.StickyPartitioner;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The producer: caller threads serialize, partition and append records into the
 * {@link RecordAccumulator}; one named I/O thread ({@link Sender}) sends them. See {@link Producer}
 * for the contract and {@link ProducerConfig} for the settings.
 *
 * <p>Thread-safe. Errors found before a record is buffered (unknown topic after
 * {@code max.block.ms}, record too large, buffer exhausted) fail the returned future and call the
 * callback; misuse (closed producer, bad partition, serializer failure) throws. Once an idempotent
 * producer has been fenced ({@code INVALID_PRODUCER_EPOCH}) every send fails with that error.
 *
 * <p>Producer ids come from the cluster (InitProducerId, {@link BrokerProducerIdSource}) unless a
 * test gives its own {@link ProducerIdSource}; against brokers that do not serve InitProducerId,
 * idempotence that was only a default is turned off at the first send, and an explicit
 * {@code enable.idempotence=true} fails it.
 */
public final class FerryProducer<K, V> implements Producer<K, V> {

    private final ProducerConfig config;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Clock clock;
    private final Metadata metadata;
    private final RecordAccumulator accumulator;
    private final StickyPartitioner partitioner;
    private final Sender sender;
    private final Thread ioThread;
    private final Optional<RequestChannel> ownChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    public FerryProducer(Map<String, ?> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(ProducerConfig.parse(configs), keySerializer, valueSerializer, null, Clock.systemUTC());
    }

    /** For tests and tools: an explicit channel (null = the Netty network client) and clock. */
    public FerryProducer(ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                         RequestChannel channel, Clock clock) {
        this(config, keySerializer, valueSerializer, channel, null, clock);
    }

    /** For tests and tools: also where producer ids come from (null = InitProducerId over the channel). */
    public FerryProducer(ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                         RequestChannel channel, ProducerIdSource producerIds, Clock clock) {
        this.config = config;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.clock = clock;
        this.metadata = new Metadata(config.bootstrapServers(), config.retryBackoffMs(), config.metadataMaxAgeMs());
        this.accumulator = new RecordAccumulator(AccumulatorConfig.from(config),
                new BufferPool(config.bufferMemory(), config.batchSize()));
        this.partitioner = new StickyPartitioner(config.batchSize(),
                (topic, partition) -> accumulator.hasFillingBatch(new TopicPartition(topic, partition)));
        this.ownChannel = channel != null ? Optional.empty()
                : Optional.of(NetworkChannel.open(config.clientId(), config.requestTimeoutMs(), config.security()));
        RequestChannel network = ownChannel.orElse(channel);
        ProducerIdSource ids = producerIds != null ? producerIds : new BrokerProducerIdSource(network, metadata);
        this.sender = new Sender(config, accumulator, new SenderPorts(metadata, network, ids, clock));
        String name = "ferry-producer-network-thread" + (config.clientId().isEmpty() ? "" : " | " + config.clientId());
        this.ioThread = new Thread(sender, name);
        ioThread.setDaemon(true);
        ioThread.start();
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        if (closed.get()) {
            throw new IllegalStateException("Cannot send after the producer is closed");
        }
        long startMs = clock.millis();
        try {
            sender.fatalError().ifPresent(e -> {
                throw e;
            });
            Cluster cluster = awaitMetadata(record.topic(), record.partition().orElse(-1), config.maxBlockMs());
            byte[] key = serialize(keySerializer, record.topic(), record.key(), "key");
            byte[] value = serialize(valueSerializer, record.topic(), record.value(), "value");
            int partition = partition(record, key, cluster);
            ensureValidSize(record.topic(), partition, key, value);
            long nowMs = clock.millis();
            long remainingMs = Math.max(0, config.maxBlockMs() - (nowMs - startMs));
            long timestamp = record.timestamp().orElse(nowMs);
            AppendResult result = accumulator.append(new TopicPartition(record.topic(), partition), timestamp, key,
                    value, record.headers(), callback, remainingMs, nowMs);
            if (key == null && record.partition().isEmpty()) {
                partitioner.onAppend(record.topic(), partition, (value == null ? 0 : value.length) + 16, cluster);
            }
            if (result.batchIsFull() || result.newBatchCreated()) {
                sender.wakeup();
            }
            return result.future();
        } catch (ApiException | TimeoutException e) {
            if (callback != null) {
                callback.onCompletion(null, e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    private int partition(ProducerRecord<K, V> record, byte[] key, Cluster cluster) {
        int count = cluster.partitionsForTopic(record.topic()).size();
        if (record.partition().isPresent()) {
            return record.partition().getAsInt();
        }
        if (key != null) {
            return StickyPartitioner.partitionForKey(key, count);
        }
        return partitioner.stickyPartition(record.topic(), cluster);
    }

    private void ensureValidSize(String topic, int partition, byte[] key, byte[] value) {
        long size = 61L + 21 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        if (size > config.maxRequestSize() || size > config.bufferMemory()) {
            throw ErrorCode.MESSAGE_TOO_LARGE.exception("The record for " + topic + "-" + partition + " is " + size
                    + " bytes when serialized, larger than max.request.size (" + config.maxRequestSize()
                    + ") or buffer.memory (" + config.bufferMemory() + ")");
        }
    }

    private static <T> byte[] serialize(Serializer<T> serializer, String topic, T data, String what) {
        try {
            return serializer.serialize(topic, data);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot serialize the " + what + " of a record for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@code topic} (and {@code partition}, if >= 0) is in the metadata, up to {@code maxWaitMs}. */
    private Cluster awaitMetadata(String topic, int partition, long maxWaitMs) {
        metadata.addTopic(topic);
        long deadline = clock.millis() + maxWaitMs;
        while (true) {
            Cluster cluster = metadata.cluster();
            int count = cluster.partitionsForTopic(topic).size();
            if (count > 0 && partition < count) {
                return cluster;
            }
            metadata.topicError(topic).filter(e -> !e.isRetriable()).ifPresent(e -> {
                throw e.exception("Cannot send to topic " + topic + ": " + e.defaultMessage());
            });
            long leftMs = deadline - clock.millis();
            if (leftMs <= 0) {
                throw new TimeoutException(count > 0
                        ? "Partition " + partition + " of topic " + topic + " with partition count " + count
                          + " is not present in metadata after " + maxWaitMs + " ms"
                        : "Topic " + topic + " not present in metadata after " + maxWaitMs + " ms");
            }
            int version = metadata.requestUpdate();
            sender.wakeup();
            try {
                metadata.awaitUpdate(version, leftMs);
            } catch (TimeoutException e) {
                // loop once more to report the precise reason
            }
        }
    }

    @Override
    public void flush() {
        accumulator.beginFlush();
        sender.wakeup();
        try {
            accumulator.awaitFlushCompletion();
        } catch (InterruptedException e) {
            throw new InterruptException("Interrupted while flushing the producer", e);
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return awaitMetadata(topic, -1, config.maxBlockMs()).partitionsForTopic(topic);
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() == ioThread) {
            sender.forceClose();
            return;
        }
        sender.initiateClose();
        try {
            if (timeout.toMillis() > 0) {
                ioThread.join(timeout.toMillis());
            }
            if (ioThread.isAlive()) {
                sender.forceClose();
                ioThread.join();
            }
        } catch (InterruptedException e) {
            sender.forceClose();
            throw new InterruptException("Interrupted while closing the producer", e);
        } finally {
            ownChannel.ifPresent(RequestChannel::close);
        }
    }
}
