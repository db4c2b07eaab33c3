package io.ferrymq.broker;

import io.ferrymq.broker.group.ClusterHighWatermarks;
import io.ferrymq.client.common.serialization.ByteArrayDeserializer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.internals.Deserializers;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.TopicPartition;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link ClusterHighWatermarks} every {@link #INTERVAL}: the high watermarks of the partitions
 * the coordinator's lag gauges asked for and this broker does not lead, read from their leaders by
 * a group-less consumer on this broker's inter-broker listener (ListOffsets, latest: the high
 * watermark, as Kafka's consumer lag is computed). One topic at a time, so a deleted topic fails
 * alone. Runs as the {@link PeriodicTask} {@code ferry-lag-high-watermarks}; {@link #close()} stops it
 * and closes the consumer.
 */
final class HighWatermarkPoller implements AutoCloseable {

    /** How often the wanted high watermarks are fetched. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(HighWatermarkPoller.class);

    private final FerryConsumer<byte[], byte[]> consumer;
    private final PeriodicTask task;

    private HighWatermarkPoller(ClusterHighWatermarks highWatermarks, FerryConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
        this.task = PeriodicTask.start("ferry-lag-high-watermarks", () -> highWatermarks.refresh(this::endOffsets), INTERVAL);
    }

    static HighWatermarkPoller start(ClusterHighWatermarks highWatermarks, BrokerAddress self, ClientSecurity security) {
        ConsumerConfig config = ConsumerConfig.parse(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS, self.host() + ":" + self.port(),
                ConsumerConfig.CLIENT_ID, "ferry-lag-high-watermarks",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS, (int) INTERVAL.toMillis()));
        return new HighWatermarkPoller(highWatermarks, new FerryConsumer<>(config.withSecurity(security),
                new Deserializers<>(new ByteArrayDeserializer(), new ByteArrayDeserializer()), null, Clock.systemUTC()));
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        Map<String, List<TopicPartition>> byTopic = partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic));
        Map<TopicPartition, Long> answers = new HashMap<>();
        byTopic.forEach((topic, tps) -> {
            try {
                answers.putAll(consumer.endOffsets(tps));
            } catch (RuntimeException e) {
                log.debug("high watermarks of {} for consumer lag: {}", topic, e.getMessage());
            }
        });
        return answers;
    }

    @Override
    public void close() {
        task.close();
        consumer.close();
    }
}
