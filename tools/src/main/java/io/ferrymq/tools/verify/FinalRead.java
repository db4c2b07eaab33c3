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
 * Reads every partition of the topic from its log start to its end offset (the high watermark, as
 * any consumer sees it) with a group-less consumer, after the workload stopped: the log the checker
 * compares with the acknowledgements. Records not in {@link VerifyRecords}' shape are skipped.
 * Stateless; one call, one consumer.
 */
final class FinalRead {

    private FinalRead() {
    }

    /** Every record up to the end offsets; throws when it cannot get there within {@code timeout}. */
    static List<History.Read> readAll(ClientFactory clients, Map<String, Object> props, Set<TopicPartition> partitions,
                                      Duration timeout, Clock clock) {
        List<History.Read> reads = new ArrayList<>();
        try (Consumer<String, String> consumer = clients.consumer(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = clock.millis() + timeout.toMillis();
            while (!reachedEnds(consumer, ends)) {
                if (clock.millis() > deadline) {
                    throw new IllegalStateException("could not read the topic to its end offsets " + ends
                            + " within " + timeout.toMillis() + " ms");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(r.topicPartition())) {
                        VerifyRecords.parse(r.partition(), r.offset(), r.key(), r.value()).ifPresent(reads::add);
                    }
                }
            }
        }
        return reads;
    }

    private static boolean reachedEnds(Consumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
