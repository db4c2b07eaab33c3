package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.partition.LogChecksum;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.DescribeReplicaChecksumsRequest;
import io.ferrymq.common.protocol.requests.DescribeReplicaChecksumsRequest.PartitionQuery;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse.PartitionChecksum;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeReplicaChecksums: per partition this broker hosts a replica of, its role, high watermark
 * and log bounds, and the {@link LogChecksum} of its log up to the requested offset (its own high
 * watermark when asked for {@code -1}). Errors per partition: {@code NOT_LEADER_OR_FOLLOWER} when no
 * replica is hosted here, {@code OFFSET_OUT_OF_RANGE} when the log ends before the offset. Reads the
 * log on the request thread: a diagnostic for {@code ferry verify}, not a data-plane call.
 *
 * <p>Thread-safe.
 */
public final class DescribeReplicaChecksumsHandler implements RequestHandler<DescribeReplicaChecksumsRequest> {

    private final ReplicaManager replicaManager;

    public DescribeReplicaChecksumsHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_REPLICA_CHECKSUMS;
    }

    @Override
    public CompletableFuture<DescribeReplicaChecksumsResponse> handle(RequestContext context,
                                                                      DescribeReplicaChecksumsRequest request) {
        return CompletableFuture.completedFuture(new DescribeReplicaChecksumsResponse(
                request.partitions().stream().map(this::checksum).toList()));
    }

    @Override
    public DescribeReplicaChecksumsResponse errorResponse(DescribeReplicaChecksumsRequest request, ErrorCode error,
                                                          String message) {
        return new DescribeReplicaChecksumsResponse(request.partitions().stream()
                .map(q -> PartitionChecksum.failed(q.topicPartition(), error, message)).toList());
    }

    private PartitionChecksum checksum(PartitionQuery query) {
        Optional<Partition> hosted = replicaManager.partition(query.topicPartition());
        if (hosted.isEmpty()) {
            return PartitionChecksum.failed(query.topicPartition(), ErrorCode.NOT_LEADER_OR_FOLLOWER,
                    "broker hosts no replica of " + query.topicPartition());
        }
        Partition p = hosted.get();
        long logEnd = p.logEndOffset();
        if (query.upToOffset() > logEnd) {
            return PartitionChecksum.failed(query.topicPartition(), ErrorCode.OFFSET_OUT_OF_RANGE,
                    "the replica's log ends at " + logEnd + ", before " + query.upToOffset());
        }
        long hw = p.highWatermark();
        LogChecksum sum = p.checksum(query.upToOffset());
        return new PartitionChecksum(query.topicPartition(), ErrorCode.NONE, "", p.isLeader(), p.leaderEpoch(), hw,
                logEnd, sum.logStartOffset(), sum.upToOffset(), sum.checksum());
    }
}
