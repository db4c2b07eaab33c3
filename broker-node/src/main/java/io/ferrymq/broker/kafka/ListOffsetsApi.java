package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * ListOffsets 1-8: per partition the earliest offset (-2), the latest (-1: the high watermark for
 * consumers, which is also the last stable offset READ_COMMITTED asks for, since Ferry has no
 * transactions), the first record with the largest timestamp (-3, KIP-734, v7+), the earliest local
 * offset (-4, KIP-405, v8+) or the first offset at or after a timestamp, with its timestamp and
 * (v4+) leader epoch; the current leader epoch (v4+) fences stale clients. Ferry has no tiered
 * storage, so its local log starts where the log does and -4 is answered as -2, as a Kafka broker
 * without remote storage answers it. Version 9 (-5, the latest tiered offset) is not served.
 * Stateless and thread-safe.
 */
final class ListOffsetsApi implements KafkaApi<ListOffsetsRequestData, ListOffsetsResponseData> {

    private static final long EARLIEST_LOCAL_TIMESTAMP = -4L;

    @Override
    public ApiKeys key() {
        return ApiKeys.LIST_OFFSETS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 8;
    }

    @Override
    public ApiRequest toFerry(ListOffsetsRequestData request, short version) {
        List<ListOffsetsRequest.PartitionData> partitions = new ArrayList<>();
        for (ListOffsetsRequestData.ListOffsetsTopic topic : request.topics()) {
            for (ListOffsetsRequestData.ListOffsetsPartition partition : topic.partitions()) {
                partitions.add(new ListOffsetsRequest.PartitionData(KafkaPartitions.of(topic.name(),
                        partition.partitionIndex()), ferryTimestamp(partition.timestamp()),
                        partition.currentLeaderEpoch()));
            }
        }
        return new ListOffsetsRequest(request.replicaId(), partitions);
    }

    private static long ferryTimestamp(long timestamp) {
        return timestamp == EARLIEST_LOCAL_TIMESTAMP ? ListOffsetsRequest.EARLIEST_TIMESTAMP : timestamp;
    }

    @Override
    public ListOffsetsResponseData toKafka(ListOffsetsRequestData request, ApiResponse response, short version) {
        Map<String, ListOffsetsResponseData.ListOffsetsTopicResponse> topics = new LinkedHashMap<>();
        for (ListOffsetsResponse.PartitionResponse partition : ((ListOffsetsResponse) response).partitions()) {
            ListOffsetsResponseData.ListOffsetsPartitionResponse out =
                    new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                            .setPartitionIndex(partition.topicPartition().partition())
                            .setErrorCode(partition.error().code())
                            .setTimestamp(partition.timestamp())
                            .setOffset(partition.offset());
            if (version >= 4) {
                out.setLeaderEpoch(partition.leaderEpoch());
            }
            topics.computeIfAbsent(partition.topicPartition().topic(),
                    name -> new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(name)).partitions().add(out);
        }
        return new ListOffsetsResponseData().setTopics(new ArrayList<>(topics.values()));
    }
}
