package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch (consumers and followers, long poll): hands the request to the {@link ReplicaManager}, which
 * waits up to {@code maxWaitMs} for {@code minBytes} and returns whole batches as file slices; the
 * server then sends those bytes straight from the segment files. Partitions are answered in request
 * order; a partition named twice is answered once per mention with the same data. Fetch sessions
 * (KIP-227, {@link io.ferrymq.broker.replication.FerryFetchSessions}): an incremental request reads
 * what changed in its session and is answered with only those partitions that have news; a session
 * error is a top-level error without partitions.
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
        return replicaManager.fetch(request);
    }

    @Override
    public FetchResponse errorResponse(FetchRequest request, ErrorCode error, String message) {
        return new FetchResponse(error, request.partitions().stream()
                .map(data -> FetchResponse.PartitionData.error(data.topicPartition(), error))
                .toList());
    }
}
