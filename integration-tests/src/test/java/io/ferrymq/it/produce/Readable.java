package io.ferrymq.it.produce;

import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a test expects to read back from a partition: {@code values} at consecutive offsets from
 * {@code firstOffset}, described as {@link ReplicaLogView#describe} does ({@code "<offset>:<value>"}).
 * Immutable.
 */
record Readable(TopicPartition partition, long firstOffset, List<String> values) {

    Readable {
        values = List.copyOf(values);
    }

    long endOffset() {
        return firstOffset + values.size();
    }

    List<String> described() {
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add((firstOffset + i) + ":" + values.get(i));
        }
        return out;
    }
}
