package io.ferrymq.broker.kafka.admin;

import io.ferrymq.broker.kafka.ErrorMessages;
import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.ElectLeadersRequest;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * ElectLeaders 0-2 (what {@code kafka-leader-election.sh} and {@code Admin.electLeaders} send):
 * version 0 has no election type and means preferred; a null partition list means every partition.
 * The answer groups the per-partition results by topic, as Kafka's. Stateless.
 */
final class ElectLeadersApi implements KafkaApi<ElectLeadersRequestData, ElectLeadersResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.ELECT_LEADERS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public ApiRequest toFerry(ElectLeadersRequestData request, short version) {
        byte type = version == 0 ? io.ferrymq.common.ElectionType.PREFERRED.value() : request.electionType();
        if (request.topicPartitions() == null) {
            return new ElectLeadersRequest(type, true, List.of(), request.timeoutMs());
        }
        List<TopicPartition> partitions = new ArrayList<>();
        request.topicPartitions().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.topic(), p))));
        return new ElectLeadersRequest(type, false, partitions, request.timeoutMs());
    }

    @Override
    public ElectLeadersResponseData toKafka(ElectLeadersRequestData request, ApiResponse response, short version) {
        ElectLeadersResponse ferry = (ElectLeadersResponse) response;
        Map<String, List<PartitionResult>> byTopic = new LinkedHashMap<>();
        for (ElectLeadersResponse.PartitionResult result : ferry.partitions()) {
            byTopic.computeIfAbsent(result.partition().topic(), t -> new ArrayList<>()).add(new PartitionResult()
                    .setPartitionId(result.partition().partition()).setErrorCode(result.error().code())
                    .setErrorMessage(ErrorMessages.orNull(result.errorMessage())));
        }
        ElectLeadersResponseData out = new ElectLeadersResponseData().setErrorCode(ferry.error().code());
        byTopic.forEach((topic, results) -> out.replicaElectionResults().add(
                new ReplicaElectionResult().setTopic(topic).setPartitionResult(results)));
        return out;
    }
}
