package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest.GroupQuery;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.GroupOffsets;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.PartitionResponse;
import java.util.List;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.junit.jupiter.api.Test;

class OffsetFetchApiTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

    private final OffsetFetchApi api = new OffsetFetchApi();

    private static OffsetFetchRequestData singleGroup() {
        return new OffsetFetchRequestData().setGroupId("billing").setTopics(List.of(
                new OffsetFetchRequestData.OffsetFetchRequestTopic().setName("orders").setPartitionIndexes(List.of(0, 1))));
    }

    private static GroupOffsets committed(String groupId) {
        return new GroupOffsets(groupId, ErrorCode.NONE, List.of(
                new PartitionResponse(ORDERS_0, ErrorCode.NONE, 42, 3, "host-a"),
                new PartitionResponse(ORDERS_1, ErrorCode.NONE, OffsetFetchResponse.NO_OFFSET, -1, "")));
    }

    @Test
    void versionOneFetchesPartitionsAndPutsAGroupErrorOnEachOfThem() {
        OffsetFetchRequestData request = roundTrip(singleGroup(), (short) 1);

        assertThat(api.toFerry(request, (short) 1))
                .isEqualTo(new OffsetFetchRequest("billing", List.of(ORDERS_0, ORDERS_1), false));

        OffsetFetchResponseData ok = roundTrip(api.toKafka(request,
                new OffsetFetchResponse(List.of(committed("billing"))), (short) 1), (short) 1);
        assertThat(ok.topics().get(0).partitions()).extracting(
                OffsetFetchResponseData.OffsetFetchResponsePartition::committedOffset).containsExactly(42L, -1L);

        OffsetFetchResponseData failed = roundTrip(api.toKafka(request, new OffsetFetchResponse(List.of(
                new GroupOffsets("billing", ErrorCode.NOT_COORDINATOR, List.of()))), (short) 1), (short) 1);
        assertThat(failed.topics().get(0).partitions()).extracting(
                        OffsetFetchResponseData.OffsetFetchResponsePartition::errorCode)
                .containsExactly(ErrorCode.NOT_COORDINATOR.code(), ErrorCode.NOT_COORDINATOR.code());
    }

    @Test
    void versionSixAsksForAllPartitionsWithNullTopicsAndGetsLeaderEpochs() {
        OffsetFetchRequestData request = roundTrip(new OffsetFetchRequestData().setGroupId("billing").setTopics(null),
                (short) 6);

        assertThat(api.toFerry(request, (short) 6)).isEqualTo(OffsetFetchRequest.forAllPartitions("billing"));

        OffsetFetchResponseData kafka = roundTrip(api.toKafka(request,
                new OffsetFetchResponse(List.of(committed("billing"))), (short) 6), (short) 6);
        assertThat(kafka.errorCode()).isZero();
        OffsetFetchResponseData.OffsetFetchResponsePartition first = kafka.topics().get(0).partitions().get(0);
        assertThat(first.committedLeaderEpoch()).isEqualTo(3);
        assertThat(first.metadata()).isEqualTo("host-a");
    }

    @Test
    void versionSevenRequiringStableOffsetsGetsCommittedOnesAndTheGroupError() {
        OffsetFetchRequestData request = roundTrip(singleGroup().setRequireStable(true), (short) 7);

        assertThat(api.toFerry(request, (short) 7))
                .isEqualTo(new OffsetFetchRequest("billing", List.of(ORDERS_0, ORDERS_1), false));

        OffsetFetchResponseData kafka = roundTrip(api.toKafka(request, new OffsetFetchResponse(List.of(
                new GroupOffsets("billing", ErrorCode.NOT_COORDINATOR, List.of()))), (short) 7), (short) 7);
        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.NOT_COORDINATOR.code());
        assertThat(kafka.topics()).isEmpty();
    }

    @Test
    void versionEightBatchesGroupsAndAnswersEachOnItsOwn() {
        OffsetFetchRequestData request = roundTrip(new OffsetFetchRequestData().setRequireStable(true).setGroups(List.of(
                new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("billing").setTopics(List.of(
                        new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("orders")
                                .setPartitionIndexes(List.of(0, 1)))),
                new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("audit").setTopics(null))), (short) 8);

        assertThat(api.toFerry(request, (short) 8)).isEqualTo(new OffsetFetchRequest(List.of(
                new GroupQuery("billing", List.of(ORDERS_0, ORDERS_1), false), new GroupQuery("audit", List.of(), true))));

        OffsetFetchResponseData kafka = roundTrip(api.toKafka(request, new OffsetFetchResponse(List.of(
                committed("billing"), new GroupOffsets("audit", ErrorCode.NOT_COORDINATOR, List.of()))), (short) 8),
                (short) 8);
        assertThat(kafka.groups()).extracting(OffsetFetchResponseData.OffsetFetchResponseGroup::groupId)
                .containsExactly("billing", "audit");
        assertThat(kafka.groups().get(0).topics().get(0).partitions().get(0).committedOffset()).isEqualTo(42L);
        assertThat(kafka.groups().get(1).errorCode()).isEqualTo(ErrorCode.NOT_COORDINATOR.code());
    }
}
