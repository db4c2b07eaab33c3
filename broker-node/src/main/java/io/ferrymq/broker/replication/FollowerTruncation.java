package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.EpochEndOffset;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.partition.TruncationDecision;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The truncation step of a follower fetcher (DESIGN.md rule 7): for each partition that met a new
 * leader, ask the leader (OffsetsForLeaderEpoch) for the end of the follower's latest local epoch
 * and truncate as {@link io.ferrymq.broker.partition.TruncationPolicy} decides. A step that is not
 * final leaves the partition truncating, so the next round asks again with the now older latest
 * epoch; only then does fetching start. A replica with no epoch at all keeps only what it knows is
 * committed (its high watermark).
 *
 * <p>Runs on its fetcher's thread only.
 */
final class FollowerTruncation {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerTruncation.class);

    private final FetcherContext context;
    private final Map<TopicPartition, FetchState> states;

    FollowerTruncation(FetcherContext context, Map<TopicPartition, FetchState> states) {
        this.context = context;
        this.states = states;
    }

    void truncate(ReplicaFetcherThread fetcher, Map<TopicPartition, FetchState> truncating)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<OffsetsForLeaderEpochRequest.PartitionData> data = new ArrayList<>();
        truncating.forEach((tp, state) -> context.partition(tp).ifPresent(p -> {
            OptionalInt latest = p.latestLocalEpoch();
            if (latest.isPresent()) {
                data.add(new OffsetsForLeaderEpochRequest.PartitionData(tp, state.leaderEpoch(), latest.getAsInt()));
            } else if (p.truncateTo(p.highWatermark(), state.leaderEpoch())) {
                states.replace(tp, state, state.fetching());
            }
        }));
        if (data.isEmpty()) {
            return;
        }
        OffsetsForLeaderEpochResponse response = fetcher.await(fetcher.endpoint().offsetsForLeaderEpoch(
                new OffsetsForLeaderEpochRequest(context.config().brokerId(), data)));
        for (OffsetsForLeaderEpochResponse.PartitionResponse answer : response.partitions()) {
            TopicPartition tp = answer.topicPartition();
            FetchState sent = truncating.get(tp);
            if (sent != null && states.get(tp) == sent) {
                context.partition(tp).ifPresent(p -> apply(p, sent, answer, fetcher.sourceBrokerId()));
            }
        }
    }

    private void apply(Partition partition, FetchState sent, OffsetsForLeaderEpochResponse.PartitionResponse answer,
                       int leaderId) {
        TopicPartition tp = partition.topicPartition();
        if (answer.error() != ErrorCode.NONE) {
            LOG.debug("{}: OffsetsForLeaderEpoch to broker {} answered {}", tp, leaderId, answer.error());
            states.replace(tp, sent, sent.delayedUntil(context.clock().millis() + context.config().replicaFetchBackoffMs()));
            return;
        }
        long before = partition.logEndOffset();
        TruncationDecision decision = partition.decideTruncation(new EpochEndOffset(answer.leaderEpoch(), answer.endOffset()));
        if (!partition.truncateTo(decision.truncateTo(), sent.leaderEpoch())) {
            return;
        }
        if (decision.truncateTo() < before) {
            LOG.info("{}: truncated from {} to {} (leader {} says epoch {} ends at {})", tp, before,
                    decision.truncateTo(), leaderId, answer.leaderEpoch(), answer.endOffset());
        }
        if (decision.complete()) {
            states.replace(tp, sent, sent.fetching());
        } else {
            states.replace(tp, sent, sent.truncatingAgain());
        }
    }
}
