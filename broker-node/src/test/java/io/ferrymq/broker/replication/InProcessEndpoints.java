package io.ferrymq.broker.replication;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import io.ferrymq.coordinator.registry.BrokerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes follower requests to another {@link InProcessBroker}'s replica manager the way the Fetch and
 * OffsetsForLeaderEpoch handlers would (fetch sessions included), copying record bytes as the wire does. A closed broker
 * refuses connections with {@code NETWORK_EXCEPTION}. Thread-safe.
 */
final class InProcessEndpoints implements LeaderEndpointFactory {

    private final Map<Integer, InProcessBroker> brokers = new ConcurrentHashMap<>();

    void register(InProcessBroker broker) {
        brokers.put(broker.id, broker);
    }

    @Override
    public LeaderEndpoint connect(BrokerInfo leader) {
        InProcessBroker target = brokers.get(leader.id());
        if (target == null || target.isClosed()) {
            throw ErrorCode.NETWORK_EXCEPTION.exception("broker " + leader.id() + " is down");
        }
        return new Endpoint(target);
    }

    private record Endpoint(InProcessBroker target) implements LeaderEndpoint {

        @Override
        public CompletableFuture<FetchResponse> fetch(FetchRequest request) {
            if (target.isClosed()) {
                return CompletableFuture.failedFuture(ErrorCode.NETWORK_EXCEPTION.exception("connection closed"));
            }
            return target.replicas.fetch(request).thenApply(response -> new FetchResponse(response.error(),
                    response.partitions().stream().map(p -> new FetchResponse.PartitionData(p.topicPartition(), p.error(),
                            p.highWatermark(), p.logStartOffset(), p.leaderEpoch(),
                            RecordSource.of(p.records().toByteBuffer()), p.divergingEpoch(), p.divergingEndOffset()))
                            .toList(), response.sessionId()));
        }

        @Override
        public CompletableFuture<OffsetsForLeaderEpochResponse> offsetsForLeaderEpoch(OffsetsForLeaderEpochRequest request) {
            if (target.isClosed()) {
                return CompletableFuture.failedFuture(ErrorCode.NETWORK_EXCEPTION.exception("connection closed"));
            }
            List<OffsetsForLeaderEpochResponse.PartitionResponse> out = new ArrayList<>();
            for (OffsetsForLeaderEpochRequest.PartitionData p : request.partitions()) {
                EpochEndOffsetResult r = target.replicas.lastOffsetForLeaderEpoch(p.topicPartition(),
                        p.currentLeaderEpoch(), p.leaderEpoch());
                out.add(new OffsetsForLeaderEpochResponse.PartitionResponse(p.topicPartition(), r.error(),
                        r.leaderEpoch(), r.endOffset()));
            }
            return CompletableFuture.completedFuture(new OffsetsForLeaderEpochResponse(out));
        }

        @Override
        public void close() {
        }
    }
}
