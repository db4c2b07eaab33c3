package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.ElectLeadersRequest;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse.PartitionResult;
import io.ferrymq.coordinator.election.ElectionResult;
import io.ferrymq.common.ElectionType;
import io.ferrymq.coordinator.election.LeaderElectionService;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ElectLeaders: resolves the partitions (every partition of every topic when asked for all; an
 * unknown one is {@code UNKNOWN_TOPIC_OR_PARTITION}) with their assignments from the
 * {@link MetadataStore} and runs the election through {@link LeaderElectionService#electLeaders},
 * which answers per partition once each shows the outcome or {@code timeoutMs} passed (DESIGN.md,
 * "On-demand leader election"). This broker need not host the partitions.
 *
 * <p>Thread-safe.
 */
public final class ElectLeadersHandler implements RequestHandler<ElectLeadersRequest> {

    private final MetadataStore store;
    private final LeaderElectionService elections;

    public ElectLeadersHandler(MetadataStore store, LeaderElectionService elections) {
        this.store = store;
        this.elections = elections;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ELECT_LEADERS;
    }

    @Override
    public CompletableFuture<ElectLeadersResponse> handle(RequestContext context, ElectLeadersRequest request) {
        Optional<ElectionType> type = ElectionType.forValue(request.electionType());
        if (type.isEmpty()) {
            throw ErrorCode.INVALID_REQUEST.exception("unknown election type " + request.electionType());
        }
        List<PartitionResult> unknown = new ArrayList<>();
        Map<TopicPartition, List<Integer>> known = new LinkedHashMap<>();
        for (TopicPartition tp : partitions(request)) {
            Optional<TopicMetadata> topic = store.topic(tp.topic());
            if (topic.isPresent() && tp.partition() >= 0 && tp.partition() < topic.get().partitionCount()) {
                known.put(tp, topic.get().replicas(tp.partition()));
            } else {
                unknown.add(new PartitionResult(tp, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, tp + " does not exist"));
            }
        }
        return elections.electLeaders(type.get(), known, Duration.ofMillis(request.timeoutMs()))
                .handle((results, failure) -> {
                    List<PartitionResult> out = new ArrayList<>(unknown);
                    if (failure != null) {
                        known.keySet().forEach(tp -> {
                            ApiError error = ErrorMapper.forZooKeeperCall(failure, tp.toString());
                            out.add(new PartitionResult(tp, error.error(), error.message()));
                        });
                    } else {
                        results.forEach((tp, result) -> out.add(toWire(tp, result)));
                    }
                    return new ElectLeadersResponse(ErrorCode.NONE, out);
                });
    }

    private List<TopicPartition> partitions(ElectLeadersRequest request) {
        if (!request.allPartitions()) {
            return request.partitions();
        }
        return store.topics().values().stream().flatMap(t -> t.partitions().stream()).sorted().toList();
    }

    private static PartitionResult toWire(TopicPartition tp, ElectionResult result) {
        return new PartitionResult(tp, result.error(), result.message());
    }

    @Override
    public ApiResponse errorResponse(ElectLeadersRequest request, ErrorCode error, String message) {
        return new ElectLeadersResponse(error, request.partitions().stream()
                .map(tp -> new PartitionResult(tp, error, message)).toList());
    }
}
