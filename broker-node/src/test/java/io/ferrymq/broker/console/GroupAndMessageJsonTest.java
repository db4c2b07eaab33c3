package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.internals.group.GroupDetails;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Header;
import io.ferrymq.common.record.TimestampType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GroupAndMessageJsonTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    @Test
    void aGroupShowsMembersOffsetsLagAndItsHistoryWithUnknownOffsetsAsNull() {
        GroupDetails group = new GroupDetails("g", "Stable", "consumer", "range",
                List.of(new GroupDetails.Member("m-1", "c", "/127.0.0.1", List.of(T0, T1))),
                List.of(new GroupDetails.PartitionOffsets(T0, Optional.of(5L), Optional.of(9L), Optional.of(4L), Optional.of("m-1")),
                        new GroupDetails.PartitionOffsets(T1, Optional.empty(), Optional.of(3L), Optional.empty(), Optional.of("m-1"))));

        JsonNode json = GroupJson.details(group, List.of(new LagHistory.Point(1_000, 6), new LagHistory.Point(3_000, 4)));

        assertThat(json.get("totalLag").asLong()).isEqualTo(4);
        assertThat(json.get("members").get(0).get("assignment").asText()).isEqualTo("t-0,t-1");
        assertThat(json.get("partitions").get(0).get("lag").asLong()).isEqualTo(4);
        assertThat(json.get("partitions").get(1).get("committed").isNull()).isTrue();
        assertThat(json.get("lagHistory").get(1).get("lag").asLong()).isEqualTo(4);
        assertThat(GroupJson.summary(group).get("members").asInt()).isEqualTo(1);
    }

    @Test
    void aRecordShowsTextKeysValuesAndHeadersTheCodecAndBinaryAsBase64() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 7, 1_000, TimestampType.CREATE_TIME,
                null, new byte[] {(byte) 0xff, 0}, List.of(Header.of("h", "v".getBytes(StandardCharsets.UTF_8))),
                Optional.of(2), CompressionType.GZIP);

        JsonNode page = MessageJson.page(new MessageQuery("t", 0, OptionalLong.of(7), OptionalLong.empty(), 1), 0, 8,
                List.of(record));

        JsonNode r = page.get("records").get(0);
        assertThat(r.get("offset").asLong()).isEqualTo(7);
        assertThat(r.get("compression").asText()).isEqualTo("gzip");
        assertThat(r.get("key").isNull()).isTrue();
        assertThat(r.get("value").get("encoding").asText()).isEqualTo("base64");
        assertThat(r.get("value").get("text").asText()).isEqualTo("/wA=");
        assertThat(r.get("headers").get(0).get("value").get("text").asText()).isEqualTo("v");
        assertThat(page.get("logEndOffset").asLong()).isEqualTo(8);
    }
}
