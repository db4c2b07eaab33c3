package io.ferrymq.test;

import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.TopicPartition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a partition from its beginning until a number of values arrived or a deadline passed. */
public final class Drain {

    private Drain() {
    }

    /** The values of the first {@code count} records of {@code tp} (fewer if the deadline passes first). */
    public static List<String> values(Consumer<String, String> consumer, TopicPartition tp, int count, Duration timeout) {
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        List<String> values = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (values.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        return values;
    }
}
