package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import java.util.List;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class OffsetForLeaderEpochApiTest {

    private static final short[] VERSIONS = {2, 3, 4};

    private final OffsetForLeaderEpochApi api = new OffsetForLeaderEpochApi();

    @Test
    void advertisesTwoToFour() {
        assertThat(api.key()).isEqualTo(ApiKeys.OFFSET_FOR_LEADER_EPOCH);
        assertThat(api.minVersion()).isEqualTo((short) 2);
        assertThat(api.maxVersion()).isEqualTo((short) 4);
    }

    @Test
    void epochsAndTheReplicaIdReachFerry() {
        for (short version : VERSIONS) {
            OffsetForLeaderEpochRequestData read = KafkaRoundTrip.request(ApiKeys.OFFSET_FOR_LEADER_EPOCH, request(), version);

            OffsetsForLeaderEpochRequest ferry = (OffsetsForLeaderEpochRequest) api.toFerry(read, version);

            assertThat(ferry.replicaId()).as("v%d: consumer, or Kafka's debugging id before v3", version)
                    .isEqualTo(version >= 3 ? -1 : -2);
            assertThat(ferry.partitions()).containsExactly(
                    new OffsetsForLeaderEpochRequest.PartitionData(new TopicPartition("orders", 0), 5, 4),
                    new OffsetsForLeaderEpochRequest.PartitionData(new TopicPartition("orders", 3), 5, 2));
        }
    }

    @Test
    void theResponseHasEachPartitionsEpochAndEndOffset() {
        OffsetsForLeaderEpochResponse ferry = new OffsetsForLeaderEpochResponse(List.of(
                new OffsetsForLeaderEpochResponse.PartitionResponse(new TopicPartition("orders", 0), ErrorCode.NONE, 4, 120L),
                new OffsetsForLeaderEpochResponse.PartitionResponse(new TopicPartition("orders", 3),
                        ErrorCode.UNKNOWN_LEADER_EPOCH, -1, -1L)));
        for (short version : VERSIONS) {
            OffsetForLeaderEpochResponseData kafka = KafkaRoundTrip.response(ApiKeys.OFFSET_FOR_LEADER_EPOCH,
                    api.toKafka(request(), ferry, version), version);

            List<OffsetForLeaderEpochResponseData.EpochEndOffset> partitions = kafka.topics().find("orders").partitions();
            assertThat(partitions).hasSize(2);
            assertThat(partitions.get(0).partition()).isZero();
            assertThat(partitions.get(0).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(partitions.get(0).leaderEpoch()).isEqualTo(4);
            assertThat(partitions.get(0).endOffset()).isEqualTo(120L);
            assertThat(partitions.get(1).partition()).isEqualTo(3);
            assertThat(partitions.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_LEADER_EPOCH.code());
        }
    }

    private static OffsetForLeaderEpochRequestData request() {
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection topics =
                new OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection();
        topics.add(new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic("orders").setPartitions(List.of(
                new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(0)
                        .setCurrentLeaderEpoch(5).setLeaderEpoch(4),
                new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(3)
                        .setCurrentLeaderEpoch(5).setLeaderEpoch(2))));
        return new OffsetForLeaderEpochRequestData().setReplicaId(-1).setTopics(topics);
    }
}
