package io.ferrymq.broker.kafka;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest.GroupQuery;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.GroupOffsets;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.PartitionResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * OffsetFetch 1-8: one group up to v7, a batch of groups from v8 (KIP-709), each answered on its own.
 * Null topics (v2+) ask for every partition the group has. {@code requireStable} (v7+) needs nothing:
 * without transactions no offset is ever pending. The group-level error exists from v2; in a v1
 * response it goes on every requested partition, as Kafka puts it. Stateless and thread-safe.
 */
final class OffsetFetchApi implements KafkaApi<OffsetFetchRequestData, OffsetFetchResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.OFFSET_FETCH;
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
    public ApiRequest toFerry(OffsetFetchRequestData request, short version) {
        if (version >= 8) {
            return new OffsetFetchRequest(request.groups().stream().map(g -> g.topics() == null
                    ? new GroupQuery(g.groupId(), List.of(), true)
                    : new GroupQuery(g.groupId(), partitions(g.topics(),
                            OffsetFetchRequestData.OffsetFetchRequestTopics::name,
                            OffsetFetchRequestData.OffsetFetchRequestTopics::partitionIndexes), false)).toList());
        }
        if (request.topics() == null) {
            return OffsetFetchRequest.forAllPartitions(request.groupId());
        }
        return new OffsetFetchRequest(request.groupId(), partitions(request.topics(),
                OffsetFetchRequestData.OffsetFetchRequestTopic::name,
                OffsetFetchRequestData.OffsetFetchRequestTopic::partitionIndexes), false);
    }

    private static <T> List<TopicPartition> partitions(List<T> topics, Function<T, String> name,
                                                       Function<T, List<Integer>> indexes) {
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(t -> indexes.apply(t).forEach(p -> partitions.add(new TopicPartition(name.apply(t), p))));
        return partitions;
    }

    @Override
    public OffsetFetchResponseData toKafka(OffsetFetchRequestData request, ApiResponse response, short version) {
        OffsetFetchResponse ferry = (OffsetFetchResponse) response;
        if (version >= 8) {
            return new OffsetFetchResponseData().setGroups(ferry.groups().stream().map(OffsetFetchApi::toGroup).toList());
        }
        GroupOffsets only = ferry.group(request.groupId());
        OffsetFetchResponseData kafka = new OffsetFetchResponseData();
        if (version >= 2) {
            kafka.setErrorCode(only.error().code());
            return kafka.setTopics(topics(only.partitions(), version));
        }
        List<PartitionResponse> partitions = only.partitions();
        if (only.error() != ErrorCode.NONE) {
            partitions = partitions(request.topics(), OffsetFetchRequestData.OffsetFetchRequestTopic::name,
                    OffsetFetchRequestData.OffsetFetchRequestTopic::partitionIndexes).stream()
                    .map(tp -> new PartitionResponse(tp, only.error(), OffsetFetchResponse.NO_OFFSET, -1, ""))
                    .toList();
        }
        return kafka.setTopics(topics(partitions, version));
    }

    private static List<OffsetFetchResponseData.OffsetFetchResponseTopic> topics(List<PartitionResponse> partitions,
                                                                                short version) {
        Map<String, List<OffsetFetchResponseData.OffsetFetchResponsePartition>> byTopic = new LinkedHashMap<>();
        for (PartitionResponse p : partitions) {
            OffsetFetchResponseData.OffsetFetchResponsePartition kafka =
                    new OffsetFetchResponseData.OffsetFetchResponsePartition()
                            .setPartitionIndex(p.topicPartition().partition()).setCommittedOffset(p.offset())
                            .setMetadata(p.metadata()).setErrorCode(p.error().code());
            if (version >= 5) {
                kafka.setCommittedLeaderEpoch(p.leaderEpoch());
            }
            byTopic.computeIfAbsent(p.topicPartition().topic(), t -> new ArrayList<>()).add(kafka);
        }
        List<OffsetFetchResponseData.OffsetFetchResponseTopic> topics = new ArrayList<>();
        byTopic.forEach((name, list) -> topics.add(
                new OffsetFetchResponseData.OffsetFetchResponseTopic().setName(name).setPartitions(list)));
        return topics;
    }

    private static OffsetFetchResponseData.OffsetFetchResponseGroup toGroup(GroupOffsets group) {
        Map<String, List<OffsetFetchResponseData.OffsetFetchResponsePartitions>> byTopic = new LinkedHashMap<>();
        for (PartitionResponse p : group.partitions()) {
            byTopic.computeIfAbsent(p.topicPartition().topic(), t -> new ArrayList<>())
                    .add(new OffsetFetchResponseData.OffsetFetchResponsePartitions()
                            .setPartitionIndex(p.topicPartition().partition()).setCommittedOffset(p.offset())
                            .setCommittedLeaderEpoch(p.leaderEpoch()).setMetadata(p.metadata())
                            .setErrorCode(p.error().code()));
        }
        List<OffsetFetchResponseData.OffsetFetchResponseTopics> topics = new ArrayList<>();
        byTopic.forEach((name, list) -> topics.add(
                new OffsetFetchResponseData.OffsetFetchResponseTopics().setName(name).setPartitions(list)));
        return new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId(group.groupId())
                .setErrorCode(group.error().code()).setTopics(topics);
    }
}
