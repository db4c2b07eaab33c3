package io.ferrymq.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse.PartitionResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElectionReportTest {

    private static PartitionResult result(int partition, ErrorCode error, String message) {
        return new PartitionResult(new TopicPartition("orders", partition), error, message);
    }

    @Test
    void reportGroupsElectedAndAlreadyElectedPartitionsAndCountsFailures() {
        ElectionReport report = ElectionReport.of(ElectionType.PREFERRED, List.of(
                result(0, ErrorCode.NONE, ""), result(1, ErrorCode.NONE, ""),
                result(2, ErrorCode.ELECTION_NOT_NEEDED, "the preferred replica 1 already leads"),
                result(3, ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, "the preferred replica 2 is not registered")));

        assertThat(report.lines()).containsExactly(
                "Successfully completed leader election (PREFERRED) for partitions orders-0, orders-1",
                "Valid replica already elected for partitions orders-2",
                "Error completing leader election (PREFERRED) for partition: orders-3: PREFERRED_LEADER_NOT_AVAILABLE"
                        + " (the preferred replica 2 is not registered)");
        assertThat(report.failures()).isEqualTo(1);
    }

    @Test
    void electionNotNeededIsNoFailure() {
        assertThat(ElectionReport.of(ElectionType.UNCLEAN, List.of(result(0, ErrorCode.ELECTION_NOT_NEEDED, "")))
                .failures()).isZero();
    }

    @Test
    void parsesKafkasElectionJson() {
        byte[] json = "{\"partitions\":[{\"topic\":\"a\",\"partition\":1},{\"topic\":\"b\",\"partition\":0}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ElectionReport.parsePartitions("f.json", json))
                .containsExactly(new TopicPartition("a", 1), new TopicPartition("b", 0));
        assertThatThrownBy(() -> ElectionReport.parsePartitions("f.json", "{}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("partitions");
    }
}
