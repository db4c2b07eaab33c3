package io.ferrymq.broker.replication;

import io.ferrymq.broker.replication.FetchSessionCache.News;
import io.ferrymq.broker.replication.FetchSessionCache.Position;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FetchRequest.PartitionData;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetch sessions on Ferry's own protocol, over the shared {@link FetchSessionCache} keyed by
 * partition. A request outside any session (epoch {@link FetchRequest#FINAL_EPOCH}, what Ferry's
 * consumer sends) is read and answered as it stands. A full request at epoch
 * {@link FetchRequest#INITIAL_EPOCH} closes the session it names, is read as it stands, and its
 * answer (every partition) opens a session when the cache has a slot. An incremental request
 * ({@link #isIncremental}) changes its session (added and repositioned partitions, forgotten ones,
 * epoch check) and then reads only the session's partitions that changed since they were last read
 * ({@link #take}): those it repositioned, those an event touched since ({@link #markChanged(TopicPartition)}:
 * an append, a high-watermark move, a leadership change), and those whose last read found more to send
 * ({@link #respond(int, Map, Collection)} marks them again); every partition at the session's first
 * incremental request. Its answer carries only partitions with news: records, an error, a divergence,
 * or a high watermark or log start offset other than last sent.
 *
 * <p>Thread-safe: the cache is.
 */
public final class FerryFetchSessions {

    private final FetchSessionCache<TopicPartition> cache;

    public FerryFetchSessions(FetchSessionCache<TopicPartition> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** How many sessions are held now. */
    public int size() {
        return cache.size();
    }

    /** How many partitions all sessions hold now. */
    public int partitionCount() {
        return cache.partitionCount();
    }

    /** Whether {@code request} is an incremental fetch in a session (neither full nor sessionless). */
    public static boolean isIncremental(FetchRequest request) {
        return !request.isFull();
    }

    /**
     * The partitions to read for a full or sessionless {@code request}: its own, as named. A full
     * request closes the session it names.
     */
    public List<PartitionData> partitionsToRead(FetchRequest request) {
        if (request.sessionId() != FetchRequest.NO_SESSION_ID) {
            cache.remove(request.sessionId());
        }
        return request.partitions();
    }

    /**
     * Applies an incremental {@code request} to its session and takes the partitions to read: those
     * changed since the session's last take (every partition at its first), with their positions.
     *
     * @throws io.ferrymq.common.errors.ApiException FETCH_SESSION_ID_NOT_FOUND or INVALID_FETCH_SESSION_EPOCH
     */
    public FetchSessionCache.Changes<TopicPartition> take(FetchRequest request) {
        return cache.updateAndTakeChanged(request.sessionId(), request.sessionEpoch(), false,
                positions(request.partitions()), request.forgotten());
    }

    /** The session's partitions changed since its last take, with their positions (empty when the session is gone). */
    public LinkedHashMap<TopicPartition, Position> changed(int sessionId) {
        return cache.changed(sessionId);
    }

    /** Something changed on {@code tp} (records, high watermark, leadership): returns the sessions to wake. */
    public List<Integer> markChanged(TopicPartition tp) {
        return cache.markChanged(tp);
    }

    /** The answer to a full or sessionless {@code request}, from {@code read}: what was read for its partitions. */
    public FetchResponse respond(FetchRequest request, FetchResponse read) {
        if (request.sessionEpoch() == FetchRequest.FINAL_EPOCH) {
            return read;
        }
        Map<TopicPartition, FetchResponse.PartitionData> byPartition = byPartition(read.partitions());
        int id = cache.maybeCreate(request.isFromFollower(), false, positions(request.partitions()),
                tp -> news(byPartition.get(tp)));
        return new FetchResponse(read.error(), read.partitions(), id);
    }

    /**
     * The answer to an incremental request of session {@code sessionId}, from {@code read}: what was
     * read of the session's partitions. It carries those with news; {@code readAgain} (partitions whose
     * read found more to send, or an error) are marked changed so the next request reads them again.
     * When the session is gone the answer carries everything read, without a session.
     */
    public FetchResponse respond(int sessionId, Map<TopicPartition, FetchResponse.PartitionData> read,
                                 Collection<TopicPartition> readAgain) {
        cache.markChanged(sessionId, readAgain);
        Optional<List<TopicPartition>> carried = cache.respondIncremental(sessionId, read.keySet(),
                tp -> news(read.get(tp)));
        if (carried.isEmpty()) {
            return new FetchResponse(ErrorCode.NONE, List.copyOf(read.values()), FetchRequest.NO_SESSION_ID);
        }
        List<FetchResponse.PartitionData> partitions = new ArrayList<>(carried.get().size());
        carried.get().forEach(tp -> partitions.add(read.get(tp)));
        return new FetchResponse(ErrorCode.NONE, partitions, sessionId);
    }

    private static Map<TopicPartition, FetchResponse.PartitionData> byPartition(List<FetchResponse.PartitionData> data) {
        Map<TopicPartition, FetchResponse.PartitionData> byPartition = new HashMap<>();
        data.forEach(d -> byPartition.putIfAbsent(d.topicPartition(), d));
        return byPartition;
    }

    private static LinkedHashMap<TopicPartition, Position> positions(List<PartitionData> partitions) {
        LinkedHashMap<TopicPartition, Position> positions = new LinkedHashMap<>();
        for (PartitionData data : partitions) {
            positions.putIfAbsent(data.topicPartition(), new Position(data.fetchOffset(), data.currentLeaderEpoch(),
                    data.partitionMaxBytes(), data.lastFetchedEpoch()));
        }
        return positions;
    }

    private static News news(FetchResponse.PartitionData data) {
        return new News(data.records().sizeInBytes() > 0, data.error(), data.highWatermark(), data.logStartOffset(),
                data.isDiverging());
    }
}
