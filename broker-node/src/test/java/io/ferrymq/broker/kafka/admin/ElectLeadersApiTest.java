package io.ferrymq.broker.kafka.admin;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ElectLeadersRequest;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse.PartitionResult;
import java.util.List;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersRequestData.TopicPartitions;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ElectLeadersApiTest {

    private final ElectLeadersApi api = new ElectLeadersApi();

    private static ElectLeadersRequestData request(ElectLeadersRequestData.TopicPartitionsCollection partitions) {
        return new ElectLeadersRequestData().setElectionType(ElectionType.UNCLEAN.value())
                .setTopicPartitions(partitions).setTimeoutMs(700);
    }

    @Test
    void listedPartitionsAndTheElectionTypeTranslateFromVersionOne() {
        ElectLeadersRequestData request = roundTrip(request(new ElectLeadersRequestData.TopicPartitionsCollection(List.of(
                new TopicPartitions().setTopic("a").setPartitions(List.of(0, 2))).iterator())), (short) 2,
                ElectLeadersRequestData::new);

        assertThat(api.toFerry(request, (short) 2)).isEqualTo(new ElectLeadersRequest(ElectionType.UNCLEAN.value(), false,
                List.of(new TopicPartition("a", 0), new TopicPartition("a", 2)), 700));
    }

    @Test
    void versionZeroIsPreferredAndNullPartitionsMeanAll() {
        ElectLeadersRequestData request = roundTrip(new ElectLeadersRequestData().setTopicPartitions(null)
                .setTimeoutMs(700), (short) 0, ElectLeadersRequestData::new);

        assertThat(api.toFerry(request, (short) 0))
                .isEqualTo(new ElectLeadersRequest(ElectionType.PREFERRED.value(), true, List.of(), 700));
    }

    @Test
    void resultsAreGroupedByTopicWithTheirErrors() {
        for (short version : new short[] {0, 1, 2}) {
            ElectLeadersResponseData out = roundTrip(api.toKafka(request(null), new ElectLeadersResponse(ErrorCode.NONE,
                    List.of(new PartitionResult(new TopicPartition("a", 0), ErrorCode.NONE, ""),
                            new PartitionResult(new TopicPartition("a", 1), ErrorCode.ELECTION_NOT_NEEDED, "1 leads"),
                            new PartitionResult(new TopicPartition("b", 0), ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, ""))),
                    version), version, ElectLeadersResponseData::new);

            assertThat(out.replicaElectionResults()).extracting(r -> r.topic()).containsExactly("a", "b");
            assertThat(out.replicaElectionResults().get(0).partitionResult()).extracting(r -> r.errorCode())
                    .containsExactly(Errors.NONE.code(), Errors.ELECTION_NOT_NEEDED.code());
            assertThat(out.replicaElectionResults().get(1).partitionResult().get(0).errorCode())
                    .isEqualTo(Errors.PREFERRED_LEADER_NOT_AVAILABLE.code());
        }
    }
}
