package io.ferrymq.broker.replication;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FetchRequest.PartitionData;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A follower fetcher's side of its fetch session with one leader (KIP-227, Kafka's
 * {@code FetchSessionHandler}), as pure bookkeeping. The first request is full (epoch
 * {@link FetchRequest#INITIAL_EPOCH}, every wanted partition); once the leader answered with a session
 * id, each request is incremental: it carries only partitions that are new or whose position changed
 * (fetch offset, leader epoch, max bytes, last fetched epoch), names those no longer wanted as
 * forgotten, and moves the epoch on (after {@link Integer#MAX_VALUE} comes 1). The next request is
 * full again, closing the old session, when the leader gave no session (no free slot), answered an
 * incremental request without one (its session is gone), answered a top-level error
 * ({@code FETCH_SESSION_ID_NOT_FOUND} also forgets the id, {@code INVALID_FETCH_SESSION_EPOCH} and
 * others keep it so the full request closes it), or the request failed ({@link #requestFailed()}).
 *
 * <p>Not thread-safe: owned by one fetcher thread, which has at most one request in flight.
 */
final class FetchSessionBuilder {

    private final LinkedHashMap<TopicPartition, PartitionData> sent = new LinkedHashMap<>();
    private int sessionId = FetchRequest.NO_SESSION_ID;
    private int nextEpoch = FetchRequest.INITIAL_EPOCH;

    /** What one request sends: session id and epoch, the partitions to send and those to forget. */
    record Built(int sessionId, int epoch, List<PartitionData> partitions, List<TopicPartition> forgotten) {
        Built {
            partitions = List.copyOf(partitions);
            forgotten = List.copyOf(forgotten);
        }

        boolean isFull() {
            return epoch == FetchRequest.INITIAL_EPOCH;
        }
    }

    /** The next request for {@code wanted} (in order), which becomes the session's partition set. */
    Built build(Map<TopicPartition, PartitionData> wanted) {
        Built built;
        if (nextEpoch == FetchRequest.INITIAL_EPOCH) {
            built = new Built(sessionId, nextEpoch, new ArrayList<>(wanted.values()), List.of());
        } else {
            List<PartitionData> changed = new ArrayList<>();
            wanted.forEach((tp, data) -> {
                if (!data.equals(sent.get(tp))) {
                    changed.add(data);
                }
            });
            List<TopicPartition> forgotten = sent.keySet().stream().filter(tp -> !wanted.containsKey(tp)).toList();
            built = new Built(sessionId, nextEpoch, changed, forgotten);
        }
        sent.clear();
        sent.putAll(wanted);
        return built;
    }

    /**
     * Learns from the leader's answer to {@code request}; true when its partitions may be applied
     * (no top-level error).
     */
    boolean handleResponse(Built request, FetchResponse response) {
        if (response.error() != ErrorCode.NONE) {
            if (response.error() == ErrorCode.FETCH_SESSION_ID_NOT_FOUND) {
                sessionId = FetchRequest.NO_SESSION_ID;
            }
            nextEpoch = FetchRequest.INITIAL_EPOCH;
            return false;
        }
        if (response.sessionId() == FetchRequest.NO_SESSION_ID) {
            sessionId = FetchRequest.NO_SESSION_ID;
            nextEpoch = FetchRequest.INITIAL_EPOCH;
        } else if (request.isFull()) {
            sessionId = response.sessionId();
            nextEpoch = 1;
        } else {
            nextEpoch = request.epoch() == Integer.MAX_VALUE ? 1 : request.epoch() + 1;
        }
        return true;
    }

    /** The request got no answer (connection lost, timeout): start over with a full request. */
    void requestFailed() {
        nextEpoch = FetchRequest.INITIAL_EPOCH;
    }

    int sessionId() {
        return sessionId;
    }
}
