package io.ferrymq.tools.verify;

import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.tools.ClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every partition of the topic from its log start with a group-less consumer, after the
 * workload stopped: the log the checker compares with the acknowledgements. It reads to the end
 * offsets (the high watermark, as any consumer sees it) and on until each partition is read past its
 * highest acknowledged offset: right after a leader change the new leader's high watermark may still
 * trail what the old one acknowledged. When {@code timeout} passes first it returns what it read, and
 * the acknowledged writes it never reached count as lost. Records not in {@link VerifyRecords}' shape
 * are skipped. Stateless; one call, one consumer.
 */
final class FinalRead {

    private static final Duration POLL = Duration.ofMillis(200);

    private FinalRead() {
    }

    /**
     * @param acknowledgedEnds per partition, the offset after its highest acknowledged write
     */
    static List<History.Read> readAll(ClientFactory clients, Map<String, Object> props, Set<TopicPartition> partitions,
                                      Map<Integer, Long> acknowledgedEnds, Duration timeout, Clock clock) {
        List<History.Read> reads = new ArrayList<>();
        try (Consumer<String, String> consumer = clients.consumer(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = clock.millis() + timeout.toMillis();
            while (!isDone(consumer, ends, acknowledgedEnds) && clock.millis() <= deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    VerifyRecords.parse(r.partition(), r.offset(), r.key(), r.value()).ifPresent(reads::add);
                }
                if (hasReached(consumer, ends)) {
                    ends = consumer.endOffsets(partitions);
                }
            }
        }
        return reads;
    }

    private static boolean isDone(Consumer<String, String> consumer, Map<TopicPartition, Long> ends,
                                  Map<Integer, Long> acknowledgedEnds) {
        return hasReached(consumer, ends) && ends.keySet().stream()
                .allMatch(tp -> consumer.position(tp) >= acknowledgedEnds.getOrDefault(tp.partition(), 0L));
    }

    private static boolean hasReached(Consumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
