package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * OffsetForLeaderEpoch 2-4: per partition the end offset of the largest leader epoch not above the
 * requested one, fenced by the current leader epoch; consumers use it to detect log truncation after
 * a leader change (KIP-320). The replica id (v3+; before that Kafka's debugging id -2) decides, as in
 * Ferry's own protocol, whether a replica asks (ids &gt;= 0 need CLUSTER_ACTION). Stateless and
 * thread-safe.
 */
final class OffsetForLeaderEpochApi
        implements KafkaApi<OffsetForLeaderEpochRequestData, OffsetForLeaderEpochResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public ApiRequest toFerry(OffsetForLeaderEpochRequestData request, short version) {
        List<OffsetsForLeaderEpochRequest.PartitionData> partitions = new ArrayList<>();
        for (OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic : request.topics()) {
            for (OffsetForLeaderEpochRequestData.OffsetForLeaderPartition partition : topic.partitions()) {
                partitions.add(new OffsetsForLeaderEpochRequest.PartitionData(KafkaPartitions.of(topic.topic(),
                        partition.partition()), partition.currentLeaderEpoch(), partition.leaderEpoch()));
            }
        }
        return new OffsetsForLeaderEpochRequest(request.replicaId(), partitions);
    }

    @Override
    public OffsetForLeaderEpochResponseData toKafka(OffsetForLeaderEpochRequestData request, ApiResponse response,
                                                    short version) {
        OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResultCollection topics =
                new OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResultCollection();
        for (OffsetsForLeaderEpochResponse.PartitionResponse partition
                : ((OffsetsForLeaderEpochResponse) response).partitions()) {
            String name = partition.topicPartition().topic();
            OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult topic = topics.find(name);
            if (topic == null) {
                topic = new OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult().setTopic(name);
                topics.add(topic);
            }
            topic.partitions().add(new OffsetForLeaderEpochResponseData.EpochEndOffset()
                    .setPartition(partition.topicPartition().partition())
                    .setErrorCode(partition.error().code())
                    .setLeaderEpoch(partition.leaderEpoch())
                    .setEndOffset(partition.endOffset()));
        }
        return new OffsetForLeaderEpochResponseData().setTopics(topics);
    }
}
