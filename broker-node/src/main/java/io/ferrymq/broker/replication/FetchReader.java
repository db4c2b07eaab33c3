package io.ferrymq.broker.replication;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.partition.EpochEndOffset;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.partition.ReadResult;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a fetch's partitions from the local leaders within the response's byte budget: partitions
 * in request order, each capped by its own {@code maxBytes} and what is left of the budget, the
 * first non-empty partition getting at least one whole batch so a fetch always progresses. A
 * partition whose last fetched epoch diverges from the leader's log is answered with the diverging
 * epoch instead of records, at once. Errors
 * are per partition; an out-of-range answer carries the log start offset so a follower can restart
 * its log there. A follower outside the ISR whose replica its topic lists as leader-throttled gets no
 * records while the leader's replication quota is spent ({@link ReplicationThrottles}), and the bytes
 * it is served count against that quota; such a partition does not satisfy a waiting fetch.
 *
 * <p>Stateless apart from its collaborators; thread-safe.
 */
final class FetchReader {

    private final HostedPartitions partitions;
    private final BrokerMetrics metrics;
    private final ReplicationThrottles throttles;

    FetchReader(HostedPartitions partitions, BrokerMetrics metrics, ReplicationThrottles throttles) {
        this.partitions = partitions;
        this.metrics = metrics;
        this.throttles = throttles;
    }

    Map<TopicPartition, PartitionFetchResult> read(FetchParams params, Map<TopicPartition, PartitionFetchRequest> requests,
                                                   Map<TopicPartition, ApiError> earlier) {
        Map<TopicPartition, PartitionFetchResult> results = new LinkedHashMap<>();
        long budget = params.maxBytes();
        boolean minOneBatch = true;
        for (Map.Entry<TopicPartition, PartitionFetchRequest> entry : requests.entrySet()) {
            TopicPartition tp = entry.getKey();
            ApiError error = earlier.get(tp);
            PartitionFetchResult result = error != null
                    ? PartitionFetchResult.failure(error.error(), error.message())
                    : readOne(tp, entry.getValue(), params, (int) Math.max(0, budget), minOneBatch);
            int size = result.records().sizeInBytes();
            if (size > 0 && params.isFromFollower() && isThrottledFollower(tp, params.replicaId())) {
                throttles.recordLeader(size);
            }
            if (size > 0) {
                budget -= size;
                minOneBatch = false;
                metrics.recordBytesOut(tp.topic(), size, params.isFromFollower());
            }
            results.put(tp, result);
        }
        return results;
    }

    /** Whether {@code followerId} fetches {@code tp} out of the ISR, as a replica its topic leader-throttles. */
    private boolean isThrottledFollower(TopicPartition tp, int followerId) {
        return throttles.isLeaderThrottledReplica(tp, followerId) && partitions.get(tp)
                .map(p -> !p.isr().contains(followerId)).orElse(false);
    }

    private boolean isHeldBack(TopicPartition tp, FetchParams params, Partition partition) {
        return params.isFromFollower() && throttles.isLeaderThrottled(tp, params.replicaId(),
                partition.isr().contains(params.replicaId()));
    }

    private PartitionFetchResult readOne(TopicPartition tp, PartitionFetchRequest request, FetchParams params,
                                         int budget, boolean minOneBatch) {
        boolean fromFollower = params.isFromFollower();
        Optional<Partition> hosted = Optional.empty();
        try {
            hosted = Optional.of(partitions.require(tp));
            Partition partition = hosted.get();
            if (isHeldBack(tp, params, partition)) {
                return new PartitionFetchResult(ErrorCode.NONE, "", partition.highWatermark(),
                        partition.logStartOffset(), partition.leaderEpoch(), RecordSource.EMPTY);
            }
            if (request.lastFetchedEpoch() >= 0) {
                Optional<EpochEndOffset> diverging = partition.divergence(request.fetchOffset(),
                        request.currentLeaderEpoch(), request.lastFetchedEpoch());
                if (diverging.isPresent()) {
                    return PartitionFetchResult.diverging(partition.highWatermark(), partition.logStartOffset(),
                            partition.leaderEpoch(), diverging.get().leaderEpoch(), diverging.get().endOffset());
                }
            }
            ReadResult read = hosted.get().read(request.fetchOffset(), request.currentLeaderEpoch(),
                    Math.min(request.maxBytes(), budget), fromFollower, minOneBatch);
            return new PartitionFetchResult(ErrorCode.NONE, "", read.highWatermark(), read.logStartOffset(),
                    read.leaderEpoch(), read.records());
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.forPartition(e, tp);
            if (error.error() == ErrorCode.OFFSET_OUT_OF_RANGE && hosted.isPresent()) {
                Partition p = hosted.get();
                return new PartitionFetchResult(error.error(), error.message(), p.highWatermark(), p.logStartOffset(),
                        p.leaderEpoch(), RecordSource.EMPTY);
            }
            return PartitionFetchResult.failure(error.error(), error.message());
        }
    }

    /** Whether a waiting fetch should be answered now: an error to report, or at least {@code minBytes}. */
    boolean isSatisfied(FetchParams params, Map<TopicPartition, PartitionFetchRequest> requests) {
        long bytes = 0;
        for (Map.Entry<TopicPartition, PartitionFetchRequest> entry : requests.entrySet()) {
            PartitionFetchRequest request = entry.getValue();
            try {
                Partition partition = partitions.require(entry.getKey());
                if (isHeldBack(entry.getKey(), params, partition)) {
                    continue;
                }
                ReadResult read = partition.read(request.fetchOffset(),
                        request.currentLeaderEpoch(), request.maxBytes(), params.isFromFollower(), true);
                bytes += read.records().sizeInBytes();
            } catch (RuntimeException e) {
                return true;
            }
            if (bytes >= params.minBytes()) {
                return true;
            }
        }
        return false;
    }

    static boolean isSatisfiedBy(Map<TopicPartition, PartitionFetchResult> results, int minBytes) {
        long bytes = 0;
        for (PartitionFetchResult result : results.values()) {
            if (result.error() != ErrorCode.NONE || result.isDiverging()) {
                return true;
            }
            bytes += result.records().sizeInBytes();
        }
        return bytes >= minBytes;
    }
}
