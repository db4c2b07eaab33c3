package io.ferrymq.coordinator.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topic and partition-state znodes keep the bytes an older broker wrote, and read what it wrote. */
class ZnodeFormatTest {

    @Test
    void partitionStateIsWrittenAsDocumentedInZkPaths() {
        assertThat(text(Json.bytes(new PartitionState(1, 0, List.of(1, 2, 3), false).toJson())))
                .isEqualTo("{\"version\":1,\"leader\":1,\"leaderEpoch\":0,\"isr\":[1,2,3],\"unclean\":false}");
    }

    @Test
    void partitionStateWithoutTheUncleanFlagReadsAsClean() {
        PartitionState state = PartitionState.fromJson(parse("/s", "{\"version\":1,\"leader\":-1,\"leaderEpoch\":-1,\"isr\":[2]}"));

        assertThat(state).isEqualTo(new PartitionState(PartitionState.NO_LEADER, -1, List.of(2), false));
    }

    @Test
    void topicIsWrittenWithPartitionsInOrderAndReadBack() {
        byte[] written = Json.bytes(TopicCodec.toJson(Map.of(1, List.of(2, 1), 0, List.of(1, 2)), Map.of("retention.ms", "5")));

        assertThat(text(written)).isEqualTo("{\"version\":1,\"partitions\":{\"0\":[1,2],\"1\":[2,1]},\"configs\":{\"retention.ms\":\"5\"}}");
        assertThat(TopicCodec.fromJson("t", Json.parseObject("/topics/t", written)))
                .isEqualTo(new TopicMetadata("t", Map.of(0, List.of(1, 2), 1, List.of(2, 1)), Map.of("retention.ms", "5")));
    }

    @Test
    void aTopicStillBeingCreatedHasNoPartitions() {
        assertThat(TopicCodec.fromJson("t", parse("/topics/t", "{\"version\":1,\"configs\":{}}")).assignment()).isEmpty();
    }

    @Test
    void aPartitionKeyThatIsNotANumberIsNamed() {
        assertThatThrownBy(() -> TopicCodec.fromJson("t", parse("/topics/t", "{\"partitions\":{\"x\":[1]}}")))
                .hasMessage("/topics/t: partition 'x' is not a number");
    }

    private static JsonObject parse(String source, String text) {
        return Json.parseObject(source, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
