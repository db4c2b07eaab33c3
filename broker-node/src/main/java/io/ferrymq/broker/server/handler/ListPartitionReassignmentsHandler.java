package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.ListPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.responses.ListPartitionReassignmentsResponse;
import io.ferrymq.common.protocol.responses.ListPartitionReassignmentsResponse.OngoingReassignment;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ListPartitionReassignments: the reassignments in progress as the metadata cache holds them (every
 * partition, or those asked for; a partition not being reassigned, or unknown, is left out, as
 * Kafka's). Thread-safe.
 */
public final class ListPartitionReassignmentsHandler implements RequestHandler<ListPartitionReassignmentsRequest> {

    private final MetadataStore store;

    public ListPartitionReassignmentsHandler(MetadataStore store) {
        this.store = store;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.LIST_PARTITION_REASSIGNMENTS;
    }

    @Override
    public CompletableFuture<ListPartitionReassignmentsResponse> handle(RequestContext context,
                                                                        ListPartitionReassignmentsRequest request) {
        Set<TopicPartition> wanted = Set.copyOf(request.partitions());
        List<OngoingReassignment> out = new ArrayList<>();
        store.topics().values().stream().sorted(java.util.Comparator.comparing(TopicMetadata::name)).forEach(topic ->
                topic.reassignments().forEach((p, r) -> {
                    TopicPartition tp = new TopicPartition(topic.name(), p);
                    if (request.allPartitions() || wanted.contains(tp)) {
                        out.add(new OngoingReassignment(tp, topic.replicas(p), r.adding(), r.removing()));
                    }
                }));
        return CompletableFuture.completedFuture(new ListPartitionReassignmentsResponse(ErrorCode.NONE, "", out));
    }

    @Override
    public ApiResponse errorResponse(ListPartitionReassignmentsRequest request, ErrorCode error, String message) {
        return new ListPartitionReassignmentsResponse(error, message, List.of());
    }
}
