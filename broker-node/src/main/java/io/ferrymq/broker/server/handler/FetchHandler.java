package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.replication.FerryFetchSessions;
import io.ferrymq.broker.replication.FetchParams;
import io.ferrymq.broker.replication.PartitionFetchRequest;
import io.ferrymq.broker.replication.PartitionFetchResult;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FetchRequest.PartitionData;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch (consumers and followers, long poll): hands the request to the {@link ReplicaManager}, which
 * waits up to {@code maxWaitMs} for {@code minBytes} and returns whole batches as file slices; the
 * server then sends those bytes straight from the segment files. Partitions are answered in request
 * order; a partition named twice is answered once per mention with the same data. Fetch sessions
 * (KIP-227, {@link FerryFetchSessions}): an incremental request reads its session's partitions and is
 * answered with only those that have news; a session error is a top-level error without partitions.
 *
 * <p>Thread-safe.
 */
public final class FetchHandler implements RequestHandler<FetchRequest> {

    private final ReplicaManager replicaManager;

    public FetchHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FETCH;
    }

    @Override
    public CompletableFuture<FetchResponse> handle(RequestContext context, FetchRequest request) {
        if (request.maxWaitMs() < 0 || request.minBytes() < 0 || request.maxBytes() < 0) {
            return CompletableFuture.completedFuture(errorResponse(request, ErrorCode.INVALID_REQUEST,
                    "maxWaitMs, minBytes and maxBytes must be >= 0"));
        }
        FerryFetchSessions sessions = replicaManager.fetchSessions();
        List<PartitionData> toRead;
        try {
            toRead = sessions.partitionsToRead(request);
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(new FetchResponse(e.error(), List.of(), FetchRequest.NO_SESSION_ID));
        }
        Map<TopicPartition, PartitionFetchRequest> partitions = new LinkedHashMap<>();
        for (PartitionData data : toRead) {
            partitions.putIfAbsent(data.topicPartition(), new PartitionFetchRequest(data.fetchOffset(),
                    data.currentLeaderEpoch(), Math.max(0, data.partitionMaxBytes()), data.lastFetchedEpoch()));
        }
        FetchParams params = new FetchParams(request.replicaId(), request.maxWaitMs(), request.minBytes(),
                request.maxBytes());
        return replicaManager.fetch(params, partitions).thenApply(results -> sessions.respond(request,
                new FetchResponse(ErrorCode.NONE, toRead.stream()
                        .map(data -> toPartition(data.topicPartition(), results)).toList())));
    }

    @Override
    public FetchResponse errorResponse(FetchRequest request, ErrorCode error, String message) {
        return new FetchResponse(error, request.partitions().stream()
                .map(data -> FetchResponse.PartitionData.error(data.topicPartition(), error))
                .toList());
    }

    private static FetchResponse.PartitionData toPartition(TopicPartition tp,
                                                           Map<TopicPartition, PartitionFetchResult> results) {
        PartitionFetchResult result = results.get(tp);
        if (result == null) {
            return FetchResponse.PartitionData.error(tp, ErrorCode.UNKNOWN_SERVER_ERROR);
        }
        return new FetchResponse.PartitionData(tp, result.error(), result.highWatermark(), result.logStartOffset(),
                result.leaderEpoch(), result.records(), result.divergingEpoch(), result.divergingEndOffset());
    }
}
