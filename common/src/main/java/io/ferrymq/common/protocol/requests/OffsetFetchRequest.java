package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Read committed offsets of one or more groups (Kafka's clients may batch groups that share a
 * coordinator): per group some partitions, or all it has ({@code allPartitions}). Immutable.
 */
public record OffsetFetchRequest(List<GroupQuery> groups) implements ApiRequest {

    public OffsetFetchRequest {
        groups = List.copyOf(groups);
    }

    /** One group's offsets of {@code partitions}, or of all its partitions. */
    public OffsetFetchRequest(String groupId, List<TopicPartition> partitions, boolean allPartitions) {
        this(List.of(new GroupQuery(groupId, partitions, allPartitions)));
    }

    public static OffsetFetchRequest forAllPartitions(String groupId) {
        return new OffsetFetchRequest(groupId, List.of(), true);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FETCH;
    }

    public record GroupQuery(String groupId, List<TopicPartition> partitions, boolean allPartitions) {
        public GroupQuery {
            Objects.requireNonNull(groupId, "groupId");
            partitions = List.copyOf(partitions);
        }
    }
}
