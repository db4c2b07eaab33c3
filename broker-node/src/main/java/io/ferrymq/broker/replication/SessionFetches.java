package io.ferrymq.broker.replication;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.replication.FetchSessionCache.Position;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Incremental fetches in Ferry's fetch sessions (KIP-227), read by what changed rather than whole: a
 * request reads only the session partitions {@link FerryFetchSessions#take} hands out (repositioned by
 * it, touched by an event since, or left with more to send by the last read), records the follower's
 * position for those alone ({@link FollowerStates}: the others count as fetched again unchanged), and
 * when that does not satisfy it, waits on the session as a whole: one key in a purgatory of its own,
 * woken by {@link #onChanged}, which an event on any partition calls after changing its state. A
 * waiting fetch peeks at the session's changed partitions each time it is woken and, when it completes
 * (satisfied or timed out), reads what it took and what changed since, so nothing marked after its take
 * is missed: the purgatory watches before it re-checks, and a partition is marked before its waiters
 * are woken. An idle session's fetch so reads nothing, waits its {@code maxWaitMs} on one key, and is
 * answered empty.
 *
 * <p>Thread-safe: the sessions, the reader and the purgatory are; a fetch's own state is fixed at its
 * arrival.
 */
final class SessionFetches implements AutoCloseable {

    /** Records a follower's fetch positions on the leaders here; returns per-partition errors. */
    interface FollowerStates {
        Map<TopicPartition, ApiError> record(int followerId, Map<TopicPartition, PartitionFetchRequest> requests,
                                             Map<TopicPartition, Long> lastUnnamedFetchMs);
    }

    private final FerryFetchSessions sessions;
    private final FetchReader reader;
    private final HostedPartitions partitions;
    private final FollowerStates followers;
    private final DelayedOperationPurgatory<Integer> purgatory;

    SessionFetches(FerryFetchSessions sessions, FetchReader reader, HostedPartitions partitions,
                   FollowerStates followers, String purgatoryName) {
        this.sessions = sessions;
        this.reader = reader;
        this.partitions = partitions;
        this.followers = followers;
        this.purgatory = new DelayedOperationPurgatory<>(purgatoryName);
    }

    /**
     * Serves an incremental {@code request}: its session's changed partitions at once when they satisfy
     * it, else after waiting on the session.
     *
     * @throws io.ferrymq.common.errors.ApiException FETCH_SESSION_ID_NOT_FOUND or INVALID_FETCH_SESSION_EPOCH
     */
    CompletableFuture<FetchResponse> fetch(FetchParams params, FetchRequest request) {
        int id = request.sessionId();
        FetchSessionCache.Changes<TopicPartition> taken = sessions.take(request);
        Map<TopicPartition, PartitionFetchRequest> requests = requests(taken.partitions());
        Map<TopicPartition, ApiError> errors = params.isFromFollower()
                ? followers.record(params.replicaId(), requests, taken.lastUnnamedFetchMs()) : Map.of();
        Map<TopicPartition, PartitionFetchResult> results = reader.read(params, requests, errors);
        if (params.maxWaitMs() == 0 || FetchReader.isSatisfiedBy(results, params.minBytes())) {
            return CompletableFuture.completedFuture(respond(params, id, requests, results));
        }
        CompletableFuture<FetchResponse> response = new CompletableFuture<>();
        purgatory.tryCompleteElseWatch(new DelayedFetch(params.maxWaitMs(),
                () -> reader.isSatisfied(params, requests(sessions.changed(id))),
                () -> complete(response, params, id, requests, errors)), List.of(id));
        return response;
    }

    /** Something changed on {@code tp}: marks it in the sessions holding it and wakes their waiting fetches. */
    void onChanged(TopicPartition tp) {
        for (int id : sessions.markChanged(tp)) {
            purgatory.checkAndComplete(id);
        }
    }

    /** Fetches waiting now, one per session (for metrics and tests). */
    int waiting() {
        return purgatory.watched();
    }

    private void complete(CompletableFuture<FetchResponse> response, FetchParams params, int id,
                          Map<TopicPartition, PartitionFetchRequest> taken, Map<TopicPartition, ApiError> errors) {
        try {
            Map<TopicPartition, PartitionFetchRequest> toRead = new LinkedHashMap<>(taken);
            requests(sessions.changed(id)).forEach(toRead::putIfAbsent);
            response.complete(respond(params, id, toRead, reader.read(params, toRead, errors)));
        } catch (RuntimeException e) {
            response.completeExceptionally(e);
        }
    }

    private FetchResponse respond(FetchParams params, int id, Map<TopicPartition, PartitionFetchRequest> read,
                                  Map<TopicPartition, PartitionFetchResult> results) {
        Map<TopicPartition, FetchResponse.PartitionData> answered = new LinkedHashMap<>();
        List<TopicPartition> readAgain = new ArrayList<>();
        read.forEach((tp, request) -> {
            PartitionFetchResult result = results.get(tp);
            answered.put(tp, result.toPartitionData(tp));
            if (!isAtEnd(params, tp, request, result)) {
                readAgain.add(tp);
            }
        });
        return sessions.respond(id, answered, readAgain);
    }

    /**
     * Whether a read found nothing more to send: no error or divergence, and the fetch offset at the end
     * of what the fetcher may read (the log end for a follower, the high watermark for a consumer). A
     * read that returned records, was held back by a throttle or ran out of the response's byte budget is
     * not at the end, and is read again at the session's next fetch.
     */
    private boolean isAtEnd(FetchParams params, TopicPartition tp, PartitionFetchRequest request,
                            PartitionFetchResult result) {
        if (result.error() != ErrorCode.NONE || result.isDiverging()) {
            return false;
        }
        return partitions.get(tp).map(p -> request.fetchOffset() >= readableEnd(params, p)).orElse(false);
    }

    private static long readableEnd(FetchParams params, Partition partition) {
        return params.isFromFollower() ? partition.logEndOffset() : partition.highWatermark();
    }

    private static Map<TopicPartition, PartitionFetchRequest> requests(Map<TopicPartition, Position> positions) {
        Map<TopicPartition, PartitionFetchRequest> requests = new LinkedHashMap<>();
        positions.forEach((tp, p) -> requests.put(tp, new PartitionFetchRequest(p.fetchOffset(),
                p.currentLeaderEpoch(), Math.max(0, p.maxBytes()), p.lastFetchedEpoch())));
        return requests;
    }

    /** Answers every waiting fetch (with what is readable) and stops the purgatory's timer. */
    @Override
    public void close() {
        purgatory.close();
    }
}
