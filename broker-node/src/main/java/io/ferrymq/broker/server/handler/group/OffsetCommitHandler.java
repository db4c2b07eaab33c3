package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.group.OffsetCommitEntry;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse.PartitionResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit: fenced by member id and generation in memory, then by the group znode's version
 * in one ZooKeeper transaction. Generation -1 with no member id (tools) works only on an empty
 * group. Errors are per partition. Thread-safe.
 */
public final class OffsetCommitHandler implements RequestHandler<OffsetCommitRequest> {

    private final GroupCoordinator coordinator;

    public OffsetCommitHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_COMMIT;
    }

    @Override
    public CompletableFuture<OffsetCommitResponse> handle(RequestContext context, OffsetCommitRequest request) {
        Map<TopicPartition, OffsetCommitEntry> offsets = new LinkedHashMap<>();
        request.partitions().forEach(p -> offsets.put(p.topicPartition(), new OffsetCommitEntry(p.offset(), p.metadata())));
        return coordinator.commitOffsets(request.groupId(), request.memberId(), request.generationId(), offsets)
                .thenApply(errors -> new OffsetCommitResponse(offsets.keySet().stream()
                        .map(tp -> new PartitionResponse(tp, errors.getOrDefault(tp, ErrorCode.UNKNOWN_SERVER_ERROR)))
                        .toList()));
    }

    @Override
    public ApiResponse errorResponse(OffsetCommitRequest request, ErrorCode error, String message) {
        return new OffsetCommitResponse(request.partitions().stream()
                .map(p -> new PartitionResponse(p.topicPartition(), error)).toList());
    }
}
