package io.ferrymq.broker.replication;

import io.ferrymq.broker.replication.FetchSessionCache.News;
import io.ferrymq.broker.replication.FetchSessionCache.Position;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FetchRequest.PartitionData;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fetch sessions on Ferry's own protocol, over the shared {@link FetchSessionCache} keyed by
 * partition. A request outside any session (epoch {@link FetchRequest#FINAL_EPOCH}, what Ferry's
 * consumer sends) is read and answered as it stands. A full request at epoch
 * {@link FetchRequest#INITIAL_EPOCH} closes the session it names, is read as it stands, and its
 * answer (every partition) opens a session when the cache has a slot. An incremental request first
 * changes its session ({@link #partitionsToRead}: added and repositioned partitions, forgotten ones,
 * epoch check), then the session's whole partition set is read (so long-polling waits on, and a
 * follower's position is refreshed for, every session partition), and the answer carries only
 * partitions with news: records, an error, a divergence, or a high watermark or log start offset
 * other than last sent ({@link #respond}).
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

    /**
     * The partitions to read for {@code request}, in order: its own (as named) when it is full, else
     * its session's, each once, after applying the request's changes.
     *
     * @throws io.ferrymq.common.errors.ApiException FETCH_SESSION_ID_NOT_FOUND or INVALID_FETCH_SESSION_EPOCH
     */
    public List<PartitionData> partitionsToRead(FetchRequest request) {
        if (request.isFull()) {
            if (request.sessionId() != FetchRequest.NO_SESSION_ID) {
                cache.remove(request.sessionId());
            }
            return request.partitions();
        }
        return toRead(cache.updateIncremental(request.sessionId(), request.sessionEpoch(), false,
                positions(request.partitions()), request.forgotten()).partitions());
    }

    /** The answer to {@code request}, from {@code read}: what was read for {@link #partitionsToRead}'s partitions. */
    public FetchResponse respond(FetchRequest request, FetchResponse read) {
        Map<TopicPartition, FetchResponse.PartitionData> byPartition = new HashMap<>();
        read.partitions().forEach(data -> byPartition.putIfAbsent(data.topicPartition(), data));
        Function<TopicPartition, News> news = tp -> news(byPartition.get(tp));
        if (request.sessionEpoch() == FetchRequest.FINAL_EPOCH) {
            return read;
        }
        if (request.sessionEpoch() == FetchRequest.INITIAL_EPOCH) {
            int id = cache.maybeCreate(request.isFromFollower(), false, positions(request.partitions()), news);
            return new FetchResponse(read.error(), read.partitions(), id);
        }
        Optional<List<TopicPartition>> carried = cache.respondIncremental(request.sessionId(), news);
        if (carried.isEmpty()) {
            return new FetchResponse(read.error(), read.partitions(), FetchRequest.NO_SESSION_ID);
        }
        List<FetchResponse.PartitionData> partitions = new ArrayList<>(carried.get().size());
        carried.get().forEach(tp -> partitions.add(byPartition.get(tp)));
        return new FetchResponse(read.error(), partitions, request.sessionId());
    }

    private static LinkedHashMap<TopicPartition, Position> positions(List<PartitionData> partitions) {
        LinkedHashMap<TopicPartition, Position> positions = new LinkedHashMap<>();
        for (PartitionData data : partitions) {
            positions.putIfAbsent(data.topicPartition(), new Position(data.fetchOffset(), data.currentLeaderEpoch(),
                    data.partitionMaxBytes(), data.lastFetchedEpoch()));
        }
        return positions;
    }

    private static List<PartitionData> toRead(Map<TopicPartition, Position> positions) {
        List<PartitionData> read = new ArrayList<>(positions.size());
        positions.forEach((tp, p) -> read.add(
                new PartitionData(tp, p.fetchOffset(), p.currentLeaderEpoch(), p.maxBytes(), p.lastFetchedEpoch())));
        return read;
    }

    private static News news(FetchResponse.PartitionData data) {
        return new News(data.records().sizeInBytes() > 0, data.error(), data.highWatermark(), data.logStartOffset(),
                data.isDiverging());
    }
}
