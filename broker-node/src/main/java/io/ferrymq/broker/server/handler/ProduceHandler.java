package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.replication.PartitionProduceResult;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest.PartitionData;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse.PartitionResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Produce: checks the request's shape (acks is 0, 1 or -1; each partition named once), then hands
 * the raw batches to the {@link ReplicaManager}, whose log append validates every batch (CRC, sizes,
 * {@code message.max.bytes}) before anything is written. Errors are per partition, in request
 * order. With acks=0 nothing is sent back; a failure closes the connection ({@code CloseConnection}).
 *
 * <p>Thread-safe.
 */
public final class ProduceHandler implements RequestHandler<ProduceRequest> {

    private final ReplicaManager replicaManager;

    public ProduceHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.PRODUCE;
    }

    @Override
    public boolean expectsResponse(ProduceRequest request) {
        return request.acks() != 0;
    }

    @Override
    public boolean reportsFailure(ApiResponse response) {
        return response instanceof ProduceResponse produce && produce.hasErrors();
    }

    @Override
    public CompletableFuture<ProduceResponse> handle(RequestContext context, ProduceRequest request) {
        if (request.acks() != 0 && request.acks() != 1 && request.acks() != -1) {
            return CompletableFuture.completedFuture(errorResponse(request, ErrorCode.INVALID_REQUIRED_ACKS,
                    "acks must be 0, 1 or -1 (all), was " + request.acks()));
        }
        Set<TopicPartition> duplicates = duplicates(request.partitions());
        Map<TopicPartition, ByteBuffer> records = new LinkedHashMap<>();
        for (PartitionData data : request.partitions()) {
            if (!duplicates.contains(data.topicPartition())) {
                records.put(data.topicPartition(), data.records().toByteBuffer());
            }
        }
        CompletableFuture<Map<TopicPartition, PartitionProduceResult>> appended = records.isEmpty()
                ? CompletableFuture.completedFuture(Map.of())
                : replicaManager.appendRecords(request.acks(), request.timeoutMs(), records);
        return appended.thenApply(results -> toResponse(request, results, duplicates));
    }

    @Override
    public ProduceResponse errorResponse(ProduceRequest request, ErrorCode error, String message) {
        return new ProduceResponse(request.partitions().stream()
                .map(data -> PartitionResponse.error(data.topicPartition(), error, message))
                .toList());
    }

    private static ProduceResponse toResponse(ProduceRequest request, Map<TopicPartition, PartitionProduceResult> results,
                                              Set<TopicPartition> duplicates) {
        List<PartitionResponse> out = new ArrayList<>(request.partitions().size());
        for (PartitionData data : request.partitions()) {
            TopicPartition tp = data.topicPartition();
            PartitionProduceResult result = results.get(tp);
            if (duplicates.contains(tp)) {
                out.add(PartitionResponse.error(tp, ErrorCode.INVALID_REQUEST,
                        "partition " + tp + " appears more than once in the request"));
            } else if (result == null) {
                out.add(PartitionResponse.error(tp, ErrorCode.UNKNOWN_SERVER_ERROR, "no result for " + tp));
            } else {
                out.add(new PartitionResponse(tp, result.error(), result.errorMessage(), result.baseOffset(),
                        result.logAppendTimeMs(), result.logStartOffset()));
            }
        }
        return new ProduceResponse(out);
    }

    private static Set<TopicPartition> duplicates(List<PartitionData> partitions) {
        Set<TopicPartition> seen = new HashSet<>();
        Set<TopicPartition> duplicates = new HashSet<>();
        for (PartitionData data : partitions) {
            if (!seen.add(data.topicPartition())) {
                duplicates.add(data.topicPartition());
            }
        }
        return duplicates;
    }
}
