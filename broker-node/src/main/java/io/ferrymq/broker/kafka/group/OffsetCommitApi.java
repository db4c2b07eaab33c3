package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * OffsetCommit 2-9, fenced by generation and member id. The retention time of v2-4 is ignored, as
 * Kafka does since 2.1 (offsets live as long as their group). v9 renamed the generation to
 * "generation id or member epoch" for KIP-848's consumer groups; Ferry's groups are all classic ones
 * (ConsumerGroupHeartbeat is not served), so it is the generation id at every version, as Kafka treats
 * it for a classic group. A {@code group.instance.id} (v7+) is refused ({@link StaticMembership}); a
 * null metadata string is stored empty; the leader epoch comes from v6. Stateless and thread-safe.
 */
final class OffsetCommitApi implements KafkaApi<OffsetCommitRequestData, OffsetCommitResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.OFFSET_COMMIT;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public ApiRequest toFerry(OffsetCommitRequestData request, short version) {
        if (version >= 7) {
            StaticMembership.refuse(request.groupInstanceId());
        }
        List<OffsetCommitRequest.PartitionData> partitions = new ArrayList<>();
        for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : request.topics()) {
            for (OffsetCommitRequestData.OffsetCommitRequestPartition p : topic.partitions()) {
                partitions.add(new OffsetCommitRequest.PartitionData(
                        new TopicPartition(topic.name(), p.partitionIndex()), p.committedOffset(),
                        version >= 6 ? p.committedLeaderEpoch() : -1,
                        p.committedMetadata() == null ? "" : p.committedMetadata()));
            }
        }
        return new OffsetCommitRequest(request.groupId(), request.generationIdOrMemberEpoch(), request.memberId(),
                partitions);
    }

    @Override
    public OffsetCommitResponseData toKafka(OffsetCommitRequestData request, ApiResponse response, short version) {
        Map<String, List<OffsetCommitResponseData.OffsetCommitResponsePartition>> byTopic = new LinkedHashMap<>();
        for (OffsetCommitResponse.PartitionResponse p : ((OffsetCommitResponse) response).partitions()) {
            byTopic.computeIfAbsent(p.topicPartition().topic(), t -> new ArrayList<>())
                    .add(new OffsetCommitResponseData.OffsetCommitResponsePartition()
                            .setPartitionIndex(p.topicPartition().partition()).setErrorCode(p.error().code()));
        }
        List<OffsetCommitResponseData.OffsetCommitResponseTopic> topics = new ArrayList<>();
        byTopic.forEach((name, partitions) -> topics.add(
                new OffsetCommitResponseData.OffsetCommitResponseTopic().setName(name).setPartitions(partitions)));
        return new OffsetCommitResponseData().setTopics(topics);
    }
}
