package io.ferrymq.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.nio.file.Path;
import org.awaitility.Awaitility;

/**
 * The end-of-test checks of the failure tests (issue 5): a fresh consumer reads every partition from
 * the start to the high watermark; then every acknowledged value must be at the offset it was
 * acknowledged with, offsets must be dense, a value may appear at more than one offset only if it
 * was sent more than once (those duplicates are counted), and the replicas of every partition must
 * hold identical batches (offsets, epochs, CRCs) below the high watermark.
 */
public final class LogVerifier {

    /** What the check found, for the test's report. */
    public record Report(int acknowledged, int records, int duplicates, Map<TopicPartition, Long> highWatermarks) {
    }

    private LogVerifier() {
    }

    /** Reads each partition from offset 0 to its current end (the high watermark). */
    public static Map<TopicPartition, List<ConsumerRecord<String, String>>> readAll(
            String bootstrapServers, String topic, int partitions, Duration timeout) {
        return readAll(bootstrapServers, Map.of(), topic, partitions, timeout);
    }

    /** As {@link #readAll(String, String, int, Duration)}, with {@code security} ({@code security.protocol}, {@code ssl.*}) added. */
    public static Map<TopicPartition, List<ConsumerRecord<String, String>>> readAll(
            String bootstrapServers, Map<String, String> security, String topic, int partitions, Duration timeout) {
        Map<String, Object> config = new HashMap<>(security);
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                ConsumerConfig.CLIENT_ID, "verifier", ConsumerConfig.MAX_POLL_RECORDS, "5000"));
        Map<TopicPartition, List<ConsumerRecord<String, String>>> out = new TreeMap<>();
        try (FerryConsumer<String, String> consumer = new FerryConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
                out.put(all.get(p), new ArrayList<>());
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all);
            Awaitility.await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.get(r.topicPartition()).add(r));
                return all.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return out;
    }

    /**
     * Checks the consumed log against the acknowledgements and returns what it saw: dense offsets, every
     * acknowledged value at its offset, values sent once in the order they were sent, duplicates only of
     * values the test sent again.
     */
    public static Report verify(Map<TopicPartition, List<ConsumerRecord<String, String>>> log,
                                List<AckingProducer.Ack> acks, Set<String> retried) {
        Map<String, List<String>> positions = new HashMap<>();
        int records = 0;
        Map<TopicPartition, Long> ends = new TreeMap<>();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<String, String>>> entry : log.entrySet()) {
            long expected = 0;
            long lastSent = -1;
            for (ConsumerRecord<String, String> record : entry.getValue()) {
                assertThat(record.offset()).as("offsets of %s are dense", entry.getKey()).isEqualTo(expected++);
                if (!retried.contains(record.value())) {
                    long sent = Long.parseLong(record.value().substring(1));
                    assertThat(sent).as("%s at %s@%d is in the order it was sent", record.value(), entry.getKey(),
                            record.offset()).isGreaterThan(lastSent);
                    lastSent = sent;
                }
                positions.computeIfAbsent(record.value(), v -> new ArrayList<>())
                        .add(entry.getKey().partition() + "@" + record.offset());
                records++;
            }
            ends.put(entry.getKey(), expected);
        }
        for (AckingProducer.Ack ack : acks) {
            assertThat(positions.getOrDefault(ack.value(), List.of()))
                    .as("acknowledged value %s at %d@%d", ack.value(), ack.partition(), ack.offset())
                    .contains(ack.partition() + "@" + ack.offset());
        }
        int duplicates = 0;
        for (Map.Entry<String, List<String>> entry : positions.entrySet()) {
            if (entry.getValue().size() > 1) {
                assertThat(retried).as("value %s appears at %s but was sent once", entry.getKey(), entry.getValue())
                        .contains(entry.getKey());
                duplicates += entry.getValue().size() - 1;
            }
        }
        return new Report(acks.size(), records, duplicates, ends);
    }

    /** Asserts that every broker's copy of every partition holds the same batches below its high watermark. */
    public static void assertReplicasIdentical(Map<Integer, Path> dataDirs, String topic,
                                               Map<TopicPartition, Long> highWatermarks) {
        for (Map.Entry<TopicPartition, Long> entry : highWatermarks.entrySet()) {
            int partition = entry.getKey().partition();
            Function<Path, List<ReplicaSegments.BatchId>> read =
                    dir -> ReplicaSegments.batchesBelow(dir, topic, partition, entry.getValue());
            Map<Integer, List<ReplicaSegments.BatchId>> copies = new TreeMap<>();
            dataDirs.forEach((broker, dir) -> copies.put(broker, read.apply(dir)));
            List<ReplicaSegments.BatchId> reference = copies.values().iterator().next();
            copies.forEach((broker, batches) -> assertThat(batches)
                    .as("batches of %s below %d on broker %d", entry.getKey(), entry.getValue(), broker)
                    .isEqualTo(reference));
            if (!reference.isEmpty()) {
                assertThat(reference.get(reference.size() - 1).lastOffset()).isEqualTo(entry.getValue() - 1);
            }
        }
    }
}
