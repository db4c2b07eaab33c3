package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ListOffsetsApiTest {

    private static final short[] VERSIONS = {1, 4, 8};

    private final ListOffsetsApi api = new ListOffsetsApi();

    @Test
    void advertisesOneToEight() {
        assertThat(api.key()).isEqualTo(ApiKeys.LIST_OFFSETS);
        assertThat(api.minVersion()).isEqualTo((short) 1);
        assertThat(api.maxVersion()).isEqualTo((short) 8);
    }

    @Test
    void maxTimestampReachesFerryAndTheEarliestLocalOffsetIsTheEarliest() {
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(
                new ListOffsetsRequestData.ListOffsetsTopic().setName("orders").setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-3L),
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(1).setTimestamp(-4L)))));

        ListOffsetsRequest ferry = (ListOffsetsRequest) api.toFerry(
                KafkaRoundTrip.request(ApiKeys.LIST_OFFSETS, request, (short) 8), (short) 8);

        assertThat(ferry.partitions()).extracting(ListOffsetsRequest.PartitionData::timestamp)
                .containsExactly(ListOffsetsRequest.MAX_TIMESTAMP, ListOffsetsRequest.EARLIEST_TIMESTAMP);
    }

    @Test
    void everyPartitionsTimestampAndLeaderEpochReachFerry() {
        for (short version : VERSIONS) {
            ListOffsetsRequestData read = KafkaRoundTrip.request(ApiKeys.LIST_OFFSETS, request(version), version);

            ListOffsetsRequest ferry = (ListOffsetsRequest) api.toFerry(read, version);

            assertThat(ferry.replicaId()).isEqualTo(-1);
            assertThat(ferry.partitions()).containsExactly(
                    new ListOffsetsRequest.PartitionData(new TopicPartition("orders", 0), -2L, version >= 4 ? 3 : -1),
                    new ListOffsetsRequest.PartitionData(new TopicPartition("orders", 1), -1L, version >= 4 ? 3 : -1),
                    new ListOffsetsRequest.PartitionData(new TopicPartition("audit", 0), 1_700L, version >= 4 ? 9 : -1));
        }
    }

    @Test
    void theResponseHasTheOffsetTimestampAndFromVersionFourTheLeaderEpoch() {
        ListOffsetsResponse ferry = new ListOffsetsResponse(List.of(
                new ListOffsetsResponse.PartitionResponse(new TopicPartition("orders", 0), ErrorCode.NONE, -1L, 12L, 3),
                new ListOffsetsResponse.PartitionResponse(new TopicPartition("orders", 1), ErrorCode.FENCED_LEADER_EPOCH,
                        -1L, -1L, -1),
                new ListOffsetsResponse.PartitionResponse(new TopicPartition("audit", 0), ErrorCode.NONE, 1_701L, 40L, 9)));
        for (short version : VERSIONS) {
            ListOffsetsResponseData kafka = KafkaRoundTrip.response(ApiKeys.LIST_OFFSETS,
                    api.toKafka(request(version), ferry, version), version);

            assertThat(kafka.topics()).extracting(ListOffsetsResponseData.ListOffsetsTopicResponse::name)
                    .containsExactly("orders", "audit");
            ListOffsetsResponseData.ListOffsetsPartitionResponse earliest = kafka.topics().get(0).partitions().get(0);
            assertThat(earliest.offset()).isEqualTo(12L);
            assertThat(earliest.timestamp()).isEqualTo(-1L);
            assertThat(earliest.leaderEpoch()).isEqualTo(version >= 4 ? 3 : -1);
            assertThat(kafka.topics().get(0).partitions().get(1).errorCode()).isEqualTo(Errors.FENCED_LEADER_EPOCH.code());
            ListOffsetsResponseData.ListOffsetsPartitionResponse byTime = kafka.topics().get(1).partitions().get(0);
            assertThat(byTime.partitionIndex()).isZero();
            assertThat(byTime.timestamp()).isEqualTo(1_701L);
            assertThat(byTime.offset()).isEqualTo(40L);
        }
    }

    private static ListOffsetsRequestData request(short version) {
        IsolationLevel isolation = version >= 2 ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
        return new ListOffsetsRequestData().setReplicaId(-1).setIsolationLevel(isolation.id())
                .setTopics(List.of(
                        new ListOffsetsRequestData.ListOffsetsTopic().setName("orders").setPartitions(List.of(
                                new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0)
                                        .setTimestamp(-2L).setCurrentLeaderEpoch(version >= 4 ? 3 : -1),
                                new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(1)
                                        .setTimestamp(-1L).setCurrentLeaderEpoch(version >= 4 ? 3 : -1))),
                        new ListOffsetsRequestData.ListOffsetsTopic().setName("audit").setPartitions(List.of(
                                new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0)
                                        .setTimestamp(1_700L).setCurrentLeaderEpoch(version >= 4 ? 9 : -1)))));
    }
}
