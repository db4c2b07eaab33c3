package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/** Read a group's committed offsets for some partitions, or all it has ({@code allPartitions}). Immutable. */
public record OffsetFetchRequest(String groupId, List<TopicPartition> partitions, boolean allPartitions)
        implements ApiRequest {

    public OffsetFetchRequest {
        Objects.requireNonNull(groupId, "groupId");
        partitions = List.copyOf(partitions);
    }

    public static OffsetFetchRequest forAllPartitions(String groupId) {
        return new OffsetFetchRequest(groupId, List.of(), true);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FETCH;
    }
}
