package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.replication.EpochEndOffsetResult;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest.PartitionData;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse.PartitionResponse;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetsForLeaderEpoch: per partition, the end offset of the requested epoch in the leader's log
 * (what a follower truncates to), from the {@link ReplicaManager}. Errors per partition.
 *
 * <p>Thread-safe.
 */
public final class OffsetsForLeaderEpochHandler implements RequestHandler<OffsetsForLeaderEpochRequest> {

    private final ReplicaManager replicaManager;

    public OffsetsForLeaderEpochHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSETS_FOR_LEADER_EPOCH;
    }

    @Override
    public CompletableFuture<OffsetsForLeaderEpochResponse> handle(RequestContext context,
                                                                   OffsetsForLeaderEpochRequest request) {
        return CompletableFuture.completedFuture(new OffsetsForLeaderEpochResponse(request.partitions().stream()
                .map(this::endOffset)
                .toList()));
    }

    @Override
    public OffsetsForLeaderEpochResponse errorResponse(OffsetsForLeaderEpochRequest request, ErrorCode error,
                                                       String message) {
        return new OffsetsForLeaderEpochResponse(request.partitions().stream()
                .map(data -> new PartitionResponse(data.topicPartition(), error, -1, -1L))
                .toList());
    }

    private PartitionResponse endOffset(PartitionData data) {
        EpochEndOffsetResult result = replicaManager.lastOffsetForLeaderEpoch(data.topicPartition(),
                data.currentLeaderEpoch(), data.leaderEpoch());
        return new PartitionResponse(data.topicPartition(), result.error(), result.leaderEpoch(), result.endOffset());
    }
}
