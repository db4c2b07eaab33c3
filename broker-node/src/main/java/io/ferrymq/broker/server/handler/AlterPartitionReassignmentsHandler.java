package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest.PartitionTarget;
import io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse;
import io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse.PartitionResult;
import io.ferrymq.coordinator.metadata.MetadataStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * AlterPartitionReassignments: records each partition's new target (or its cancellation) through
 * {@link MetadataStore#alterPartitionReassignments} and answers per partition; the replicas then
 * move as DESIGN.md, "Reassignment" says, driven by each partition's leader. A partition named twice
 * is {@code INVALID_REQUEST}. This broker need not host the partitions.
 *
 * <p>Thread-safe.
 */
public final class AlterPartitionReassignmentsHandler implements RequestHandler<AlterPartitionReassignmentsRequest> {

    private final MetadataStore store;

    public AlterPartitionReassignmentsHandler(MetadataStore store) {
        this.store = store;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ALTER_PARTITION_REASSIGNMENTS;
    }

    @Override
    public CompletableFuture<AlterPartitionReassignmentsResponse> handle(RequestContext context,
                                                                         AlterPartitionReassignmentsRequest request) {
        List<PartitionResult> out = new ArrayList<>();
        Map<TopicPartition, Optional<List<Integer>>> targets = new LinkedHashMap<>();
        for (PartitionTarget target : request.partitions()) {
            if (targets.putIfAbsent(target.partition(), target.replicas()) != null) {
                out.add(new PartitionResult(target.partition(), ErrorCode.INVALID_REQUEST,
                        target.partition() + " is named more than once"));
            }
        }
        out.forEach(duplicate -> targets.remove(duplicate.partition()));
        try {
            store.alterPartitionReassignments(targets).forEach((tp, result) ->
                    out.add(new PartitionResult(tp, result.error(), result.message())));
        } catch (RuntimeException e) {
            targets.keySet().forEach(tp -> {
                ApiError error = ErrorMapper.forZooKeeperCall(e, tp.toString());
                out.add(new PartitionResult(tp, error.error(), error.message()));
            });
        }
        return CompletableFuture.completedFuture(new AlterPartitionReassignmentsResponse(ErrorCode.NONE, "", out));
    }

    @Override
    public ApiResponse errorResponse(AlterPartitionReassignmentsRequest request, ErrorCode error, String message) {
        return new AlterPartitionReassignmentsResponse(error, message, request.partitions().stream()
                .map(t -> new PartitionResult(t.partition(), error, message)).toList());
    }
}
