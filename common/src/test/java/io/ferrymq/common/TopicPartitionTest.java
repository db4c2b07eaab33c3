package io.ferrymq.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPartitionTest {

    @Test
    void equalExactlyWhenTopicAndPartitionAreEqual() {
        TopicPartition tp = new TopicPartition("orders", 3);
        TopicPartition same = new TopicPartition(new String("orders"), 3);
        assertThat(tp).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(tp).isNotEqualTo(new TopicPartition("orders", 4)).isNotEqualTo(new TopicPartition("order", 3))
                .isNotEqualTo(null).isNotEqualTo("orders-3");
    }

    @Test
    void anEqualInstanceFindsTheEntryOfAHashMap() {
        Map<TopicPartition, String> map = new HashMap<>(Map.of(new TopicPartition("a", 0), "x",
                new TopicPartition("a", 1), "y"));
        assertThat(map.get(new TopicPartition(new String("a"), 1))).isEqualTo("y");
        assertThat(map.get(new TopicPartition("b", 1))).isNull();
    }
}
