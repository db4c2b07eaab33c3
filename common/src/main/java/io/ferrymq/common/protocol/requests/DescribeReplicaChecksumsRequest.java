package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Ask one broker, per partition it hosts a replica of, for a checksum of that replica's log from
 * its log start up to {@code upToOffset} (whole batches whose last offset is below it), so that
 * replicas can be compared over the same committed prefix; {@link #OWN_HIGH_WATERMARK} means up to
 * the replica's own high watermark (what a caller asks the leader first). A Ferry API with no Kafka
 * counterpart ({@code ferry verify} uses it). Immutable.
 */
public record DescribeReplicaChecksumsRequest(List<PartitionQuery> partitions) implements ApiRequest {

    /** {@code upToOffset} meaning "this replica's high watermark". */
    public static final long OWN_HIGH_WATERMARK = -1L;

    public DescribeReplicaChecksumsRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_REPLICA_CHECKSUMS;
    }

    public record PartitionQuery(TopicPartition topicPartition, long upToOffset) {
        public PartitionQuery {
            Objects.requireNonNull(topicPartition, "topicPartition");
        }
    }
}
