package io.ferrymq.broker.kafka;

import io.ferrymq.broker.replication.FetchSessionCache;
import io.ferrymq.broker.replication.FetchSessionCache.News;
import io.ferrymq.broker.replication.FetchSessionCache.Position;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Fetch 4-15 with fetch sessions (KIP-227, {@link FetchSessionCache}). A full request (epoch 0, or -1
 * without a session) is served as it stands and, at epoch 0, opens a session; an incremental request
 * changes its session (added, repositioned and forgotten partitions) and Ferry's handler reads the
 * session's whole partition set, while the Kafka response carries only partitions with news. From
 * v13 partitions are named by topic id ({@link TopicIds}): an id this broker does not know is
 * answered {@code UNKNOWN_TOPIC_ID} for its partitions without reaching the handler.
 *
 * <p>Ferry has no transactions: the last stable offset is the high watermark at either isolation
 * level, aborted transactions are none (null at READ_UNCOMMITTED as Kafka sends, empty at
 * READ_COMMITTED). Ferry has no follower fetching, so the preferred read replica is -1 and the rack id
 * is not used. The follower's replica id (v15: in ReplicaState), each partition's current leader
 * epoch and last fetched epoch (v12+) go to Ferry's request, and a diverging epoch comes back as
 * Kafka's; the replica epoch (KIP-903) and the follower's log start offset have no counterpart in
 * Ferry and are not used.
 *
 * <p>Thread-safe: the session cache is.
 */
final class FetchApi implements KafkaApi<FetchRequestData, FetchResponseData> {

    private static final int FINAL_EPOCH = -1;
    private static final int INITIAL_EPOCH = 0;

    private final TopicIds topicIds;
    private final FetchSessionCache<PartitionKey> sessions;

    FetchApi(TopicIds topicIds, FetchSessionCache<PartitionKey> sessions) {
        this.topicIds = Objects.requireNonNull(topicIds, "topicIds");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.FETCH;
    }

    @Override
    public short minVersion() {
        return 4;
    }

    @Override
    public short maxVersion() {
        return 15;
    }

    @Override
    public ApiRequest toFerry(FetchRequestData request, short version) {
        LinkedHashMap<PartitionKey, Position> requested = requested(request, version);
        Map<PartitionKey, Position> fetched;
        if (isFull(request.sessionEpoch())) {
            if (request.sessionId() != FetchSessionCache.NO_SESSION_ID) {
                sessions.remove(request.sessionId());
            }
            fetched = requested;
        } else {
            fetched = sessions.updateIncremental(request.sessionId(), request.sessionEpoch(), version >= 13, requested,
                    forgotten(request, version)).partitions();
        }
        List<FetchRequest.PartitionData> partitions = new ArrayList<>(fetched.size());
        fetched.forEach((key, position) -> resolve(key).ifPresent(tp -> partitions.add(new FetchRequest.PartitionData(
                tp, position.fetchOffset(), position.currentLeaderEpoch(), position.maxBytes(),
                position.lastFetchedEpoch()))));
        return new FetchRequest(replicaId(request, version), request.maxWaitMs(), request.minBytes(),
                request.maxBytes(), partitions);
    }

    @Override
    public FetchResponseData toKafka(FetchRequestData request, ApiResponse response, short version) {
        FetchResponse ferry = (FetchResponse) response;
        if (ferry.error() != ErrorCode.NONE) {
            return (FetchResponseData) new org.apache.kafka.common.requests.FetchRequest(request, version)
                    .getErrorResponse(0, Errors.forCode(ferry.error().code()).exception()).data();
        }
        Map<TopicPartition, FetchResponse.PartitionData> byPartition = new HashMap<>();
        for (FetchResponse.PartitionData data : ferry.partitions()) {
            byPartition.putIfAbsent(data.topicPartition(), data);
        }
        Function<PartitionKey, FetchResponse.PartitionData> data = key -> partitionData(key, byPartition);
        Function<PartitionKey, News> news = key -> news(data.apply(key));
        int sessionId;
        List<PartitionKey> carried;
        if (request.sessionEpoch() == FINAL_EPOCH) {
            sessionId = FetchSessionCache.NO_SESSION_ID;
            carried = new ArrayList<>(requested(request, version).keySet());
        } else if (request.sessionEpoch() == INITIAL_EPOCH) {
            LinkedHashMap<PartitionKey, Position> requested = requested(request, version);
            sessionId = sessions.maybeCreate(replicaId(request, version) >= 0, version >= 13, requested, news);
            carried = new ArrayList<>(requested.keySet());
        } else {
            Optional<List<PartitionKey>> incremental = sessions.respondIncremental(request.sessionId(), news);
            sessionId = incremental.isPresent() ? request.sessionId() : FetchSessionCache.NO_SESSION_ID;
            carried = incremental.orElseGet(() -> sessionless(ferry));
        }
        boolean readCommitted = request.isolationLevel() == IsolationLevel.READ_COMMITTED.id();
        return new FetchResponseData().setErrorCode(Errors.NONE.code()).setSessionId(sessionId)
                .setResponses(topics(carried, data, readCommitted));
    }

    private static boolean isFull(int epoch) {
        return epoch == INITIAL_EPOCH || epoch == FINAL_EPOCH;
    }

    private static int replicaId(FetchRequestData request, short version) {
        return version >= 15 ? request.replicaState().replicaId() : request.replicaId();
    }

    private static LinkedHashMap<PartitionKey, Position> requested(FetchRequestData request, short version) {
        LinkedHashMap<PartitionKey, Position> requested = new LinkedHashMap<>();
        for (FetchRequestData.FetchTopic topic : request.topics()) {
            for (FetchRequestData.FetchPartition partition : topic.partitions()) {
                requested.put(key(topic.topicId(), topic.topic(), partition.partition(), version),
                        new Position(partition.fetchOffset(), partition.currentLeaderEpoch(),
                                partition.partitionMaxBytes(), partition.lastFetchedEpoch()));
            }
        }
        return requested;
    }

    private static List<PartitionKey> forgotten(FetchRequestData request, short version) {
        List<PartitionKey> forgotten = new ArrayList<>();
        for (FetchRequestData.ForgottenTopic topic : request.forgottenTopicsData()) {
            for (int partition : topic.partitions()) {
                forgotten.add(key(topic.topicId(), topic.topic(), partition, version));
            }
        }
        return forgotten;
    }

    private static PartitionKey key(Uuid topicId, String topic, int partition, short version) {
        return version >= 13
                ? new PartitionKey(topicId, null, partition)
                : new PartitionKey(Uuid.ZERO_UUID, topic, partition);
    }

    /** The Ferry partition a session partition names now; empty for an unknown topic id or a negative index. */
    private Optional<TopicPartition> resolve(PartitionKey key) {
        if (key.partition() < 0) {
            return Optional.empty();
        }
        Optional<String> topic = key.topic() != null ? Optional.of(key.topic()) : topicIds.nameOf(key.topicId());
        return topic.map(name -> new TopicPartition(name, key.partition()));
    }

    private FetchResponse.PartitionData partitionData(PartitionKey key,
                                                      Map<TopicPartition, FetchResponse.PartitionData> byPartition) {
        Optional<TopicPartition> tp = resolve(key);
        if (tp.isEmpty()) {
            return FetchResponse.PartitionData.error(new TopicPartition("", 0),
                    key.topic() == null ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        FetchResponse.PartitionData data = byPartition.get(tp.get());
        return data != null ? data : FetchResponse.PartitionData.error(tp.get(), ErrorCode.UNKNOWN_SERVER_ERROR);
    }

    private static News news(FetchResponse.PartitionData data) {
        return new News(data.records().sizeInBytes() > 0, data.error(), data.highWatermark(), data.logStartOffset(),
                data.isDiverging());
    }

    /** Every partition of Ferry's response, named as Kafka's topic ids name them now. */
    private List<PartitionKey> sessionless(FetchResponse ferry) {
        List<PartitionKey> keys = new ArrayList<>();
        for (FetchResponse.PartitionData data : ferry.partitions()) {
            keys.add(new PartitionKey(topicIds.idOf(data.topicPartition().topic()), data.topicPartition().topic(),
                    data.topicPartition().partition()));
        }
        return keys;
    }

    /** The carried partitions, consecutive partitions of one topic under one topic entry, as Kafka groups them. */
    private List<FetchResponseData.FetchableTopicResponse> topics(List<PartitionKey> carried,
            Function<PartitionKey, FetchResponse.PartitionData> data, boolean readCommitted) {
        List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
        FetchResponseData.FetchableTopicResponse current = null;
        for (PartitionKey key : carried) {
            FetchResponse.PartitionData partition = data.apply(key);
            String name = key.topic() != null ? key.topic() : resolve(key).map(TopicPartition::topic).orElse("");
            if (current == null || !current.topicId().equals(key.topicId()) || !current.topic().equals(name)) {
                current = new FetchResponseData.FetchableTopicResponse().setTopic(name).setTopicId(key.topicId());
                topics.add(current);
            }
            current.partitions().add(partition(key.partition(), partition, readCommitted));
        }
        return topics;
    }

    private static FetchResponseData.PartitionData partition(int index, FetchResponse.PartitionData data,
                                                             boolean readCommitted) {
        boolean ok = data.error() == ErrorCode.NONE;
        FetchResponseData.PartitionData partition = new FetchResponseData.PartitionData();
        if (data.isDiverging()) {
            // Only a v12+ request carries a last fetched epoch, and only v12+ has this (tagged) field.
            partition.setDivergingEpoch(new FetchResponseData.EpochEndOffset().setEpoch(data.divergingEpoch())
                    .setEndOffset(data.divergingEndOffset()));
        }
        return partition.setPartitionIndex(index).setErrorCode(data.error().code())
                .setHighWatermark(data.highWatermark())
                .setLastStableOffset(data.highWatermark())
                .setLogStartOffset(data.logStartOffset())
                .setAbortedTransactions(ok && readCommitted ? new ArrayList<>() : null)
                .setPreferredReadReplica(-1)
                .setRecords(new FerryRecords(ok ? data.records() : RecordSource.EMPTY));
    }
}
