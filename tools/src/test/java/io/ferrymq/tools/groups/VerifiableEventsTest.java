package io.ferrymq.tools.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifiableEventsTest {

    @Test
    void linesHaveKafkasVerifiableConsumerShape() {
        assertThat(VerifiableEvents.partitions("partitions_assigned", 5, List.of(new TopicPartition("t", 1), new TopicPartition("t", 0))))
                .isEqualTo("{\"timestamp\":5,\"name\":\"partitions_assigned\",\"partitions\":"
                        + "[{\"topic\":\"t\",\"partition\":0},{\"topic\":\"t\",\"partition\":1}]}");
        assertThat(VerifiableEvents.recordsConsumed(6, Map.of(new TopicPartition("t", 0), new VerifiableEvents.Range(3, 10, 12))))
                .isEqualTo("{\"timestamp\":6,\"name\":\"records_consumed\",\"count\":3,\"partitions\":"
                        + "[{\"topic\":\"t\",\"partition\":0,\"count\":3,\"minOffset\":10,\"maxOffset\":12}]}");
        assertThat(VerifiableEvents.offsetsCommitted(7, Map.of(new TopicPartition("t", 0), 13L), Optional.of("fenced \"x\"")))
                .isEqualTo("{\"timestamp\":7,\"name\":\"offsets_committed\",\"offsets\":[{\"topic\":\"t\",\"partition\":0,"
                        + "\"offset\":13}],\"success\":false,\"error\":\"fenced \\\"x\\\"\"}");
        assertThat(VerifiableEvents.simple("startup_complete", 1)).isEqualTo("{\"timestamp\":1,\"name\":\"startup_complete\"}");
    }
}
