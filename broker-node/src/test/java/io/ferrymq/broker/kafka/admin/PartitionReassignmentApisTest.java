package io.ferrymq.broker.kafka.admin;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest.PartitionTarget;
import io.ferrymq.common.protocol.requests.ListPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse;
import io.ferrymq.common.protocol.responses.ListPartitionReassignmentsResponse;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignablePartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignableTopic;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData.ListPartitionReassignmentsTopics;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class PartitionReassignmentApisTest {

    private final PartitionReassignmentApis.Alter alter = new PartitionReassignmentApis.Alter();
    private final PartitionReassignmentApis.ListApi list = new PartitionReassignmentApis.ListApi();

    @Test
    void aNullReplicaListCancels() {
        AlterPartitionReassignmentsRequestData request = roundTrip(new AlterPartitionReassignmentsRequestData()
                .setTimeoutMs(900).setTopics(List.of(new ReassignableTopic().setName("a").setPartitions(List.of(
                        new ReassignablePartition().setPartitionIndex(0).setReplicas(List.of(3, 2)),
                        new ReassignablePartition().setPartitionIndex(1).setReplicas(null))))),
                (short) 0, AlterPartitionReassignmentsRequestData::new);

        assertThat(alter.toFerry(request, (short) 0)).isEqualTo(new AlterPartitionReassignmentsRequest(List.of(
                new PartitionTarget(new TopicPartition("a", 0), Optional.of(List.of(3, 2))),
                new PartitionTarget(new TopicPartition("a", 1), Optional.empty())), 900));
    }

    @Test
    void alterResultsAreGroupedByTopic() {
        AlterPartitionReassignmentsResponseData out = roundTrip(alter.toKafka(new AlterPartitionReassignmentsRequestData(),
                new AlterPartitionReassignmentsResponse(ErrorCode.NONE, "", List.of(
                        new AlterPartitionReassignmentsResponse.PartitionResult(new TopicPartition("a", 0), ErrorCode.NONE, ""),
                        new AlterPartitionReassignmentsResponse.PartitionResult(new TopicPartition("b", 1),
                                ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, "none"))), (short) 0),
                (short) 0, AlterPartitionReassignmentsResponseData::new);

        assertThat(out.responses()).extracting(r -> r.name()).containsExactly("a", "b");
        assertThat(out.responses().get(0).partitions().get(0).errorMessage()).isNull();
        assertThat(out.responses().get(1).partitions().get(0).errorCode())
                .isEqualTo(Errors.NO_REASSIGNMENT_IN_PROGRESS.code());
    }

    @Test
    void aNullTopicListListsEverything() {
        ListPartitionReassignmentsRequestData all = roundTrip(new ListPartitionReassignmentsRequestData().setTopics(null),
                (short) 0, ListPartitionReassignmentsRequestData::new);
        ListPartitionReassignmentsRequestData some = roundTrip(new ListPartitionReassignmentsRequestData().setTopics(
                List.of(new ListPartitionReassignmentsTopics().setName("a").setPartitionIndexes(List.of(2)))),
                (short) 0, ListPartitionReassignmentsRequestData::new);

        assertThat(list.toFerry(all, (short) 0)).isEqualTo(new ListPartitionReassignmentsRequest(true, List.of()));
        assertThat(list.toFerry(some, (short) 0))
                .isEqualTo(new ListPartitionReassignmentsRequest(false, List.of(new TopicPartition("a", 2))));
    }

    @Test
    void ongoingReassignmentsCarryKafkasAddingAndRemovingReplicas() {
        ListPartitionReassignmentsResponseData out = roundTrip(list.toKafka(new ListPartitionReassignmentsRequestData(),
                new ListPartitionReassignmentsResponse(ErrorCode.NONE, "", List.of(
                        new ListPartitionReassignmentsResponse.OngoingReassignment(new TopicPartition("a", 0),
                                List.of(3, 2, 1), List.of(3), List.of(1)))), (short) 0),
                (short) 0, ListPartitionReassignmentsResponseData::new);

        var partition = out.topics().get(0).partitions().get(0);
        assertThat(out.topics().get(0).name()).isEqualTo("a");
        assertThat(partition.replicas()).containsExactly(3, 2, 1);
        assertThat(partition.addingReplicas()).containsExactly(3);
        assertThat(partition.removingReplicas()).containsExactly(1);
    }
}
