package io.ferrymq.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group and committed-offset znodes keep the bytes an older broker wrote, and read what it wrote. */
class GroupZnodeFormatTest {

    @Test
    void groupRecordIsWrittenInItsKnownShapeAndReadBack() {
        GroupRecord record = new GroupRecord(3, "consumer", "range", "m-1", List.of("m-1", "m-2"), 2, 5);

        byte[] written = Json.bytes(record.toJson());

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"version\":1,\"generation\":3,"
                + "\"protocolType\":\"consumer\",\"protocol\":\"range\",\"leader\":\"m-1\",\"members\":[\"m-1\",\"m-2\"],"
                + "\"coordinatorId\":2,\"coordinatorEpoch\":5}");
        assertThat(GroupRecord.fromJson(Json.parseObject("/groups/g", written))).isEqualTo(record);
    }

    @Test
    void membersThatAreNotStringsAreRefusedByName() {
        byte[] bad = ("{\"generation\":1,\"protocolType\":\"\",\"protocol\":\"\",\"leader\":\"\",\"members\":[1],"
                + "\"coordinatorId\":1,\"coordinatorEpoch\":0}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GroupRecord.fromJson(Json.parseObject("/groups/g", bad)))
                .hasMessageStartingWith("/groups/g: field 'members' must be an array of strings");
    }

    @Test
    void committedOffsetWithoutMetadataReadsAsEmptyMetadata() {
        byte[] older = "{\"offset\":42,\"commitTimestampMs\":1700000000000}".getBytes(StandardCharsets.UTF_8);

        assertThat(CommittedOffset.fromJson(Json.parseObject("/o", older))).isEqualTo(new CommittedOffset(42, "", 1_700_000_000_000L));
        assertThat(new String(Json.bytes(new CommittedOffset(42, "m", 7).toJson()), StandardCharsets.UTF_8))
                .isEqualTo("{\"offset\":42,\"metadata\":\"m\",\"commitTimestampMs\":7}");
    }
}
