package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest.PartitionData;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse.PartitionResponse;
import java.util.List;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.junit.jupiter.api.Test;

class OffsetCommitApiTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
    private static final TopicPartition AUDIT_3 = new TopicPartition("audit", 3);

    private final OffsetCommitApi api = new OffsetCommitApi();

    private static OffsetCommitRequestData request() {
        return new OffsetCommitRequestData().setGroupId("billing").setGenerationIdOrMemberEpoch(4).setMemberId("m-1")
                .setTopics(List.of(
                        new OffsetCommitRequestTopic().setName("orders").setPartitions(List.of(
                                new OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(42)
                                        .setCommittedMetadata("host-a"),
                                new OffsetCommitRequestPartition().setPartitionIndex(1).setCommittedOffset(7)
                                        .setCommittedMetadata(null))),
                        new OffsetCommitRequestTopic().setName("audit").setPartitions(List.of(
                                new OffsetCommitRequestPartition().setPartitionIndex(3).setCommittedOffset(0)
                                        .setCommittedMetadata("")))));
    }

    private static OffsetCommitResponse response() {
        return new OffsetCommitResponse(List.of(new PartitionResponse(ORDERS_0, ErrorCode.NONE),
                new PartitionResponse(ORDERS_1, ErrorCode.NONE), new PartitionResponse(AUDIT_3, ErrorCode.ILLEGAL_GENERATION)));
    }

    @Test
    void versionTwoIgnoresRetentionAndHasNoLeaderEpoch() {
        OffsetCommitRequestData request = roundTrip(request().setRetentionTimeMs(86_400_000L), (short) 2);

        assertThat(api.toFerry(request, (short) 2)).isEqualTo(new OffsetCommitRequest("billing", 4, "m-1", List.of(
                new PartitionData(ORDERS_0, 42, -1, "host-a"), new PartitionData(ORDERS_1, 7, -1, ""),
                new PartitionData(AUDIT_3, 0, -1, ""))));

        assertTopicsAnswered(roundTrip(api.toKafka(request, response(), (short) 2), (short) 2));
    }

    @Test
    void versionSixCarriesTheLeaderEpoch() {
        OffsetCommitRequestData request = request();
        request.topics().get(0).partitions().get(0).setCommittedLeaderEpoch(5);
        request = roundTrip(request, (short) 6);

        OffsetCommitRequest ferry = (OffsetCommitRequest) api.toFerry(request, (short) 6);

        assertThat(ferry.partitions().get(0).leaderEpoch()).isEqualTo(5);
        assertThat(ferry.partitions().get(1).leaderEpoch()).isEqualTo(-1);
        assertTopicsAnswered(roundTrip(api.toKafka(request, response(), (short) 6), (short) 6));
    }

    @Test
    void versionNineTakesTheGenerationOfAClassicGroupAndToolsCommitWithoutOne() {
        OffsetCommitRequestData request = roundTrip(request().setGenerationIdOrMemberEpoch(-1).setMemberId(""),
                (short) 9);

        OffsetCommitRequest ferry = (OffsetCommitRequest) api.toFerry(request, (short) 9);

        assertThat(ferry.generationId()).isEqualTo(OffsetCommitRequest.NO_GENERATION);
        assertThat(ferry.memberId()).isEmpty();
        assertTopicsAnswered(roundTrip(api.toKafka(request, response(), (short) 9), (short) 9));
    }

    @Test
    void staticMembersAreRefused() {
        assertThatThrownBy(() -> api.toFerry(request().setGroupInstanceId("i-1"), (short) 7))
                .isInstanceOf(ApiException.class).hasMessageContaining("static membership");
    }

    private static void assertTopicsAnswered(OffsetCommitResponseData kafka) {
        assertThat(kafka.topics()).extracting(OffsetCommitResponseData.OffsetCommitResponseTopic::name)
                .containsExactly("orders", "audit");
        assertThat(kafka.topics().get(0).partitions()).extracting(
                OffsetCommitResponseData.OffsetCommitResponsePartition::partitionIndex).containsExactly(0, 1);
        assertThat(kafka.topics().get(1).partitions().get(0).errorCode())
                .isEqualTo(ErrorCode.ILLEGAL_GENERATION.code());
    }
}
