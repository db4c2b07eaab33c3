package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.group.OffsetFetchResult;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest.GroupQuery;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.GroupOffsets;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse.PartitionResponse;
import io.ferrymq.coordinator.group.CommittedOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch: per requested group, committed offsets read from ZooKeeper; a requested partition
 * without one gets offset -1 (the consumer then applies auto.offset.reset). A group this broker does
 * not coordinate gets NOT_COORDINATOR on its own. Thread-safe.
 */
public final class OffsetFetchHandler implements RequestHandler<OffsetFetchRequest> {

    private final GroupCoordinator coordinator;

    public OffsetFetchHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.OFFSET_FETCH;
    }

    @Override
    public CompletableFuture<OffsetFetchResponse> handle(RequestContext context, OffsetFetchRequest request) {
        List<CompletableFuture<GroupOffsets>> each = request.groups().stream().map(this::fetch).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new OffsetFetchResponse(each.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<GroupOffsets> fetch(GroupQuery query) {
        Optional<Set<TopicPartition>> wanted = query.allPartitions() ? Optional.empty()
                : Optional.of(Set.copyOf(query.partitions()));
        return coordinator.fetchOffsets(query.groupId(), wanted).thenApply(result -> toGroup(query, result));
    }

    private static GroupOffsets toGroup(GroupQuery query, OffsetFetchResult result) {
        if (result.error() != ErrorCode.NONE) {
            return new GroupOffsets(query.groupId(), result.error(), List.of());
        }
        Set<TopicPartition> partitions = new TreeSet<>(result.offsets().keySet());
        if (!query.allPartitions()) {
            partitions.addAll(query.partitions());
        }
        return new GroupOffsets(query.groupId(), ErrorCode.NONE, partitions.stream().map(tp -> {
            CommittedOffset committed = result.offsets().get(tp);
            return committed == null
                    ? new PartitionResponse(tp, ErrorCode.NONE, OffsetFetchResponse.NO_OFFSET, -1, "")
                    : new PartitionResponse(tp, ErrorCode.NONE, committed.offset(), -1, committed.metadata());
        }).toList());
    }

    @Override
    public ApiResponse errorResponse(OffsetFetchRequest request, ErrorCode error, String message) {
        return new OffsetFetchResponse(request.groups().stream()
                .map(g -> new GroupOffsets(g.groupId(), error, List.of())).toList());
    }
}
