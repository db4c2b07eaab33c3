package io.ferrymq.broker.kafka.admin;

import io.ferrymq.broker.kafka.ErrorMessages;
import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest.PartitionTarget;
import io.ferrymq.common.protocol.requests.ListPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse;
import io.ferrymq.common.protocol.responses.ListPartitionReassignmentsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignableTopicResponse;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingPartitionReassignment;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingTopicReassignment;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * AlterPartitionReassignments 0 and ListPartitionReassignments 0 (what {@code kafka-reassign-partitions.sh}
 * and {@code Admin.alterPartitionReassignments}/{@code listPartitionReassignments} send): a null
 * replica list cancels, a null topic list lists everything; answers are grouped by topic as Kafka's.
 * Stateless.
 */
final class PartitionReassignmentApis {

    private PartitionReassignmentApis() {
    }

    static List<KafkaApi<?, ?>> create() {
        return List.of(new Alter(), new ListApi());
    }

    /** AlterPartitionReassignments 0. */
    static final class Alter implements KafkaApi<AlterPartitionReassignmentsRequestData,
            AlterPartitionReassignmentsResponseData> {

        @Override
        public ApiKeys key() {
            return ApiKeys.ALTER_PARTITION_REASSIGNMENTS;
        }

        @Override
        public short minVersion() {
            return 0;
        }

        @Override
        public short maxVersion() {
            return 0;
        }

        @Override
        public ApiRequest toFerry(AlterPartitionReassignmentsRequestData request, short version) {
            List<PartitionTarget> targets = new ArrayList<>();
            request.topics().forEach(t -> t.partitions().forEach(p -> targets.add(new PartitionTarget(
                    new TopicPartition(t.name(), p.partitionIndex()), Optional.ofNullable(p.replicas())))));
            return new AlterPartitionReassignmentsRequest(targets, request.timeoutMs());
        }

        @Override
        public AlterPartitionReassignmentsResponseData toKafka(AlterPartitionReassignmentsRequestData request,
                                                               ApiResponse response, short version) {
            AlterPartitionReassignmentsResponse ferry = (AlterPartitionReassignmentsResponse) response;
            Map<String, List<ReassignablePartitionResponse>> byTopic = new LinkedHashMap<>();
            for (AlterPartitionReassignmentsResponse.PartitionResult result : ferry.partitions()) {
                byTopic.computeIfAbsent(result.partition().topic(), t -> new ArrayList<>()).add(
                        new ReassignablePartitionResponse().setPartitionIndex(result.partition().partition())
                                .setErrorCode(result.error().code())
                                .setErrorMessage(ErrorMessages.orNull(result.errorMessage())));
            }
            AlterPartitionReassignmentsResponseData out = new AlterPartitionReassignmentsResponseData()
                    .setErrorCode(ferry.error().code()).setErrorMessage(ErrorMessages.orNull(ferry.errorMessage()));
            byTopic.forEach((topic, results) -> out.responses().add(
                    new ReassignableTopicResponse().setName(topic).setPartitions(results)));
            return out;
        }
    }

    /** ListPartitionReassignments 0. */
    static final class ListApi implements KafkaApi<ListPartitionReassignmentsRequestData,
            ListPartitionReassignmentsResponseData> {

        @Override
        public ApiKeys key() {
            return ApiKeys.LIST_PARTITION_REASSIGNMENTS;
        }

        @Override
        public short minVersion() {
            return 0;
        }

        @Override
        public short maxVersion() {
            return 0;
        }

        @Override
        public ApiRequest toFerry(ListPartitionReassignmentsRequestData request, short version) {
            if (request.topics() == null) {
                return new ListPartitionReassignmentsRequest(true, List.of());
            }
            List<TopicPartition> partitions = new ArrayList<>();
            request.topics().forEach(t -> t.partitionIndexes().forEach(p -> partitions.add(new TopicPartition(t.name(), p))));
            return new ListPartitionReassignmentsRequest(false, partitions);
        }

        @Override
        public ListPartitionReassignmentsResponseData toKafka(ListPartitionReassignmentsRequestData request,
                                                              ApiResponse response, short version) {
            ListPartitionReassignmentsResponse ferry = (ListPartitionReassignmentsResponse) response;
            Map<String, List<OngoingPartitionReassignment>> byTopic = new LinkedHashMap<>();
            for (ListPartitionReassignmentsResponse.OngoingReassignment r : ferry.reassignments()) {
                byTopic.computeIfAbsent(r.partition().topic(), t -> new ArrayList<>()).add(new OngoingPartitionReassignment()
                        .setPartitionIndex(r.partition().partition()).setReplicas(new ArrayList<>(r.replicas()))
                        .setAddingReplicas(new ArrayList<>(r.addingReplicas()))
                        .setRemovingReplicas(new ArrayList<>(r.removingReplicas())));
            }
            ListPartitionReassignmentsResponseData out = new ListPartitionReassignmentsResponseData()
                    .setErrorCode(ferry.error().code()).setErrorMessage(ErrorMessages.orNull(ferry.errorMessage()));
            byTopic.forEach((topic, partitions) -> out.topics().add(
                    new OngoingTopicReassignment().setName(topic).setPartitions(partitions)));
            return out;
        }
    }
}
