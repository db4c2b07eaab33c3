package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.replication.ListOffsetResult;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest.PartitionData;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse.PartitionResponse;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: earliest (-2), latest (-1, the high watermark for consumers), the first record with
 * the largest timestamp (-3) or the first offset at or after a timestamp, per partition, from the {@link ReplicaManager}. Errors per partition.
 *
 * <p>Thread-safe.
 */
public final class ListOffsetsHandler implements RequestHandler<ListOffsetsRequest> {

    private final ReplicaManager replicaManager;

    public ListOffsetsHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_OFFSETS;
    }

    @Override
    public CompletableFuture<ListOffsetsResponse> handle(RequestContext context, ListOffsetsRequest request) {
        return CompletableFuture.completedFuture(new ListOffsetsResponse(request.partitions().stream()
                .map(this::listOffset)
                .toList()));
    }

    @Override
    public ListOffsetsResponse errorResponse(ListOffsetsRequest request, ErrorCode error, String message) {
        return new ListOffsetsResponse(request.partitions().stream()
                .map(data -> new PartitionResponse(data.topicPartition(), error, -1L, -1L, -1))
                .toList());
    }

    private PartitionResponse listOffset(PartitionData data) {
        if (data.timestamp() < ListOffsetsRequest.MAX_TIMESTAMP) {
            return new PartitionResponse(data.topicPartition(), ErrorCode.INVALID_REQUEST, -1L, -1L, -1);
        }
        ListOffsetResult result = replicaManager.listOffset(data.topicPartition(), data.timestamp(),
                data.currentLeaderEpoch());
        return new PartitionResponse(data.topicPartition(), result.error(), result.timestamp(), result.offset(),
                result.leaderEpoch());
    }
}
