package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.broker.replication.FetchSessionCache;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

class FetchApiTest {

    private static final Uuid ORDERS_ID = Uuid.randomUuid();
    private static final Uuid AUDIT_ID = Uuid.randomUuid();
    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
    private static final TopicPartition AUDIT_0 = new TopicPartition("audit", 0);
    private static final MemoryRecords BATCH = MemoryRecords.withRecords(Compression.NONE,
            new SimpleRecord(1_000L, "k".getBytes(), "v".getBytes()));

    private final FetchSessionCache<PartitionKey> sessions = new FetchSessionCache<>(10, FetchSessionCache.DEFAULT_EVICTION_AFTER,
            new MutableClock(0L));
    private final FetchApi api = new FetchApi(new KafkaRoundTrip.FixedTopicIds().with("orders", ORDERS_ID)
            .with("audit", AUDIT_ID), sessions);

    @Test
    void advertisesFourToFifteen() {
        assertThat(api.key()).isEqualTo(ApiKeys.FETCH);
        assertThat(api.minVersion()).isEqualTo((short) 4);
        assertThat(api.maxVersion()).isEqualTo((short) 15);
    }

    @Test
    void aSessionlessFetchReadsAndAnswersEveryPartition() {
        for (short version : new short[] {4, 9, 12, 15}) {
            FetchRequestData kafka = KafkaRoundTrip.request(ApiKeys.FETCH, request(version, 0, -1,
                    partition(version, ORDERS_0, 10), partition(version, ORDERS_1, 20), partition(version, AUDIT_0, 30)),
                    version);

            FetchRequest ferry = (FetchRequest) api.toFerry(kafka, version);

            assertThat(ferry.replicaId()).isEqualTo(FetchRequest.CONSUMER_REPLICA_ID);
            assertThat(ferry.maxWaitMs()).isEqualTo(500);
            assertThat(ferry.minBytes()).isEqualTo(1);
            assertThat(ferry.maxBytes()).isEqualTo(50_000);
            int epoch = version >= 9 ? 6 : -1;
            assertThat(ferry.partitions()).containsExactly(new FetchRequest.PartitionData(ORDERS_0, 10, epoch, 1_024),
                    new FetchRequest.PartitionData(ORDERS_1, 20, epoch, 1_024),
                    new FetchRequest.PartitionData(AUDIT_0, 30, epoch, 1_024));

            FetchResponseData response = KafkaRoundTrip.response(ApiKeys.FETCH, api.toKafka(kafka, new FetchResponse(
                    ErrorCode.NONE, List.of(data(ORDERS_0, 11, BATCH), data(ORDERS_1, 20, null),
                    FetchResponse.PartitionData.error(AUDIT_0, ErrorCode.NOT_LEADER_OR_FOLLOWER))), version), version);

            assertThat(response.sessionId()).isZero();
            assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(partitionsOf(response)).hasSize(3);
            FetchResponseData.PartitionData first = response.responses().get(0).partitions().get(0);
            assertThat(first.highWatermark()).isEqualTo(11);
            assertThat(first.lastStableOffset()).isEqualTo(11);
            assertThat(first.logStartOffset()).isEqualTo(version >= 5 ? 2 : -1);
            assertThat(first.abortedTransactions()).as("read uncommitted").isNull();
            assertThat(first.preferredReadReplica()).isEqualTo(-1);
            assertThat(((MemoryRecords) first.records()).buffer()).isEqualTo(BATCH.buffer());
            assertThat(response.responses().get(1).partitions().get(0).errorCode())
                    .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
            if (version >= 13) {
                assertThat(response.responses()).extracting(FetchResponseData.FetchableTopicResponse::topicId)
                        .containsExactly(ORDERS_ID, AUDIT_ID);
            } else {
                assertThat(response.responses()).extracting(FetchResponseData.FetchableTopicResponse::topic)
                        .containsExactly("orders", "audit");
            }
            assertThat(sessions.size()).isZero();
        }
    }

    @Test
    void readCommittedGetsTheHighWatermarkAsLastStableOffsetAndNoAbortedTransactions() {
        FetchRequestData kafka = request((short) 11, 0, -1, partition((short) 11, ORDERS_0, 10))
                .setIsolationLevel(IsolationLevel.READ_COMMITTED.id());

        FetchResponseData response = KafkaRoundTrip.response(ApiKeys.FETCH, api.toKafka(kafka, new FetchResponse(
                ErrorCode.NONE, List.of(data(ORDERS_0, 14, BATCH))), (short) 11), (short) 11);

        FetchResponseData.PartitionData partition = response.responses().get(0).partitions().get(0);
        assertThat(partition.lastStableOffset()).isEqualTo(14);
        assertThat(partition.abortedTransactions()).isEmpty();
    }

    @Test
    void anIncrementalFetchReadsTheWholeSessionAndAnswersOnlyPartitionsWithNews() {
        for (short version : new short[] {7, 12, 15}) {
            FetchRequestData full = request(version, 0, 0, partition(version, ORDERS_0, 10),
                    partition(version, ORDERS_1, 20), partition(version, AUDIT_0, 30));
            api.toFerry(full, version);
            FetchResponseData opened = KafkaRoundTrip.response(ApiKeys.FETCH, api.toKafka(full, new FetchResponse(
                    ErrorCode.NONE, List.of(data(ORDERS_0, 10, null), data(ORDERS_1, 20, null), data(AUDIT_0, 30, null))),
                    version), version);
            int sessionId = opened.sessionId();
            assertThat(sessionId).as("v%d opens a session", version).isPositive();
            assertThat(partitionsOf(opened)).hasSize(3);

            FetchRequestData incremental = request(version, sessionId, 1);
            FetchRequest ferry = (FetchRequest) api.toFerry(incremental, version);

            assertThat(ferry.partitions()).extracting(FetchRequest.PartitionData::topicPartition)
                    .containsExactly(ORDERS_0, ORDERS_1, AUDIT_0);
            FetchResponseData answered = KafkaRoundTrip.response(ApiKeys.FETCH, api.toKafka(incremental,
                    new FetchResponse(ErrorCode.NONE, List.of(data(ORDERS_0, 10, null), data(ORDERS_1, 21, BATCH),
                            data(AUDIT_0, 30, null))), version), version);
            assertThat(answered.sessionId()).isEqualTo(sessionId);
            assertThat(partitionsOf(answered)).containsExactly("orders-1");
            assertThat(sessions.remove(sessionId)).isTrue();
        }
    }

    @Test
    void anIncrementalFetchAddsRepositionsAndForgetsPartitions() {
        short version = 12;
        FetchRequestData full = request(version, 0, 0, partition(version, ORDERS_0, 10), partition(version, ORDERS_1, 20));
        api.toFerry(full, version);
        int sessionId = api.toKafka(full, new FetchResponse(ErrorCode.NONE, List.of(data(ORDERS_0, 10, null),
                data(ORDERS_1, 20, null))), version).sessionId();

        FetchRequestData incremental = request(version, sessionId, 1, partition(version, AUDIT_0, 30),
                partition(version, ORDERS_0, 15));
        incremental.forgottenTopicsData().add(new FetchRequestData.ForgottenTopic().setTopic("orders")
                .setPartitions(List.of(1)));
        FetchRequest ferry = (FetchRequest) api.toFerry(KafkaRoundTrip.request(ApiKeys.FETCH, incremental, version), version);

        assertThat(ferry.partitions()).extracting(FetchRequest.PartitionData::topicPartition, FetchRequest.PartitionData::fetchOffset)
                .containsExactly(tuple(ORDERS_0, 15L),
                        tuple(AUDIT_0, 30L));
        FetchResponseData answered = api.toKafka(incremental, new FetchResponse(ErrorCode.NONE,
                List.of(data(ORDERS_0, 10, null), data(AUDIT_0, 30, null))), version);
        assertThat(partitionsOf(answered)).as("the added partition is news, the quiet one is not")
                .containsExactly("audit-0");
    }

    @Test
    void forgettingEveryPartitionEndsTheSessionAndTheResponseHasNone() {
        short version = 12;
        FetchRequestData full = request(version, 0, 0, partition(version, ORDERS_0, 10));
        api.toFerry(full, version);
        int sessionId = api.toKafka(full, new FetchResponse(ErrorCode.NONE, List.of(data(ORDERS_0, 10, null))), version)
                .sessionId();
        FetchRequestData forgetAll = request(version, sessionId, 1);
        forgetAll.forgottenTopicsData().add(new FetchRequestData.ForgottenTopic().setTopic("orders").setPartitions(List.of(0)));

        FetchRequest ferry = (FetchRequest) api.toFerry(forgetAll, version);
        FetchResponseData response = api.toKafka(forgetAll, new FetchResponse(ErrorCode.NONE, List.of()), version);

        assertThat(ferry.partitions()).isEmpty();
        assertThat(response.sessionId()).isZero();
        assertThat(response.responses()).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aSessionEvictedWhileItsFetchWaitedIsAnsweredInFullWithoutASession() {
        short version = 12;
        FetchRequestData full = request(version, 0, 0, partition(version, ORDERS_0, 10), partition(version, AUDIT_0, 5));
        api.toFerry(full, version);
        int sessionId = api.toKafka(full, new FetchResponse(ErrorCode.NONE, List.of(data(ORDERS_0, 10, null),
                data(AUDIT_0, 5, null))), version).sessionId();
        FetchRequestData incremental = request(version, sessionId, 1);
        api.toFerry(incremental, version);
        sessions.remove(sessionId);

        FetchResponseData response = api.toKafka(incremental, new FetchResponse(ErrorCode.NONE,
                List.of(data(ORDERS_0, 10, null), data(AUDIT_0, 5, null))), version);

        assertThat(response.sessionId()).isZero();
        assertThat(partitionsOf(response)).containsExactly("orders-0", "audit-0");
    }

    @Test
    void sessionErrorsRefuseTheRequest() {
        short version = 12;
        FetchRequestData full = request(version, 0, 0, partition(version, ORDERS_0, 10));
        api.toFerry(full, version);
        int sessionId = api.toKafka(full, new FetchResponse(ErrorCode.NONE, List.of(data(ORDERS_0, 10, null))), version)
                .sessionId();

        assertThatThrownBy(() -> api.toFerry(request(version, sessionId + 1, 1), version))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND));
        assertThatThrownBy(() -> api.toFerry(request(version, sessionId, 5), version))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH));
        assertThatThrownBy(() -> api.toFerry(request((short) 13, sessionId, 1), (short) 13))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR));
    }

    @Test
    void aFullFetchAtTheFinalEpochClosesTheSessionAndFetchesWithoutOne() {
        short version = 12;
        FetchRequestData full = request(version, 0, 0, partition(version, ORDERS_0, 10));
        api.toFerry(full, version);
        int sessionId = api.toKafka(full, new FetchResponse(ErrorCode.NONE, List.of(data(ORDERS_0, 10, null))), version)
                .sessionId();

        FetchRequestData close = request(version, sessionId, -1, partition(version, ORDERS_1, 3));
        FetchRequest ferry = (FetchRequest) api.toFerry(close, version);
        FetchResponseData response = api.toKafka(close, new FetchResponse(ErrorCode.NONE,
                List.of(data(ORDERS_1, 9, null))), version);

        assertThat(ferry.partitions()).extracting(FetchRequest.PartitionData::topicPartition).containsExactly(ORDERS_1);
        assertThat(response.sessionId()).isZero();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void anUnknownTopicIdIsAnsweredUnknownTopicIdWithoutReachingFerry() {
        short version = 13;
        Uuid gone = Uuid.randomUuid();
        FetchRequestData kafka = request(version, 0, 0, partition(version, ORDERS_0, 10));
        kafka.topics().add(new FetchRequestData.FetchTopic().setTopicId(gone).setPartitions(List.of(
                new FetchRequestData.FetchPartition().setPartition(4).setFetchOffset(0).setPartitionMaxBytes(1_024))));

        FetchRequest ferry = (FetchRequest) api.toFerry(KafkaRoundTrip.request(ApiKeys.FETCH, kafka, version), version);
        FetchResponseData response = KafkaRoundTrip.response(ApiKeys.FETCH, api.toKafka(kafka,
                new FetchResponse(ErrorCode.NONE, List.of(data(ORDERS_0, 10, null))), version), version);

        assertThat(ferry.partitions()).extracting(FetchRequest.PartitionData::topicPartition).containsExactly(ORDERS_0);
        assertThat(response.responses()).hasSize(2);
        assertThat(response.responses().get(1).topicId()).isEqualTo(gone);
        assertThat(response.responses().get(1).partitions().get(0).partitionIndex()).isEqualTo(4);
        assertThat(response.responses().get(1).partitions().get(0).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        FetchResponseData next = api.toKafka(request(version, response.sessionId(), 1), new FetchResponse(ErrorCode.NONE,
                List.of(data(ORDERS_0, 10, null))), version);
        assertThat(next.responses()).extracting(FetchResponseData.FetchableTopicResponse::topicId)
                .as("an error is news every time").containsExactly(gone);
    }

    @Test
    void theLastFetchedEpochReachesFerryAndADivergingEpochComesBack() {
        for (short version : new short[] {12, 15}) {
            FetchRequestData kafka = request(version, 0, -1, partition(version, ORDERS_0, 10));
            kafka.topics().get(0).partitions().get(0).setLastFetchedEpoch(4);

            FetchRequest ferry = (FetchRequest) api.toFerry(KafkaRoundTrip.request(ApiKeys.FETCH, kafka, version), version);
            FetchResponseData response = KafkaRoundTrip.response(ApiKeys.FETCH, api.toKafka(kafka, new FetchResponse(
                    ErrorCode.NONE, List.of(new FetchResponse.PartitionData(ORDERS_0, ErrorCode.NONE, 12, 0, 6,
                            RecordSource.EMPTY, 3, 8))), version), version);

            assertThat(ferry.partitions().get(0).lastFetchedEpoch()).isEqualTo(4);
            FetchResponseData.PartitionData partition = response.responses().get(0).partitions().get(0);
            assertThat(partition.divergingEpoch().epoch()).isEqualTo(3);
            assertThat(partition.divergingEpoch().endOffset()).isEqualTo(8);
            assertThat(partition.records().sizeInBytes()).isZero();
        }
    }

    @Test
    void aFollowersReplicaIdReachesFerryFromReplicaStateAtVersionFifteen() {
        FetchRequestData v15 = request((short) 15, 0, -1, partition((short) 15, ORDERS_0, 10));
        v15.setReplicaState(new FetchRequestData.ReplicaState().setReplicaId(3).setReplicaEpoch(-1));
        FetchRequestData v14 = request((short) 14, 0, -1, partition((short) 14, ORDERS_0, 10)).setReplicaId(2);

        assertThat(((FetchRequest) api.toFerry(KafkaRoundTrip.request(ApiKeys.FETCH, v15, (short) 15), (short) 15))
                .replicaId()).isEqualTo(3);
        assertThat(((FetchRequest) api.toFerry(KafkaRoundTrip.request(ApiKeys.FETCH, v14, (short) 14), (short) 14))
                .replicaId()).isEqualTo(2);
    }

    @Test
    void aRequestRefusedAsAWholeCarriesTheErrorWhereKafkaPutsIt() {
        for (short version : new short[] {4, 12, 13}) {
            FetchRequestData kafka = request(version, 0, -1, partition(version, ORDERS_0, 10));
            FetchResponse refused = new FetchResponse(ErrorCode.TOPIC_AUTHORIZATION_FAILED,
                    List.of(FetchResponse.PartitionData.error(ORDERS_0, ErrorCode.TOPIC_AUTHORIZATION_FAILED)));

            FetchResponseData response = KafkaRoundTrip.response(ApiKeys.FETCH, api.toKafka(kafka, refused, version), version);

            if (version >= 7) {
                assertThat(response.errorCode()).isEqualTo(Errors.TOPIC_AUTHORIZATION_FAILED.code());
            }
            if (version < 13) {
                assertThat(response.responses().get(0).partitions().get(0).errorCode())
                        .isEqualTo(Errors.TOPIC_AUTHORIZATION_FAILED.code());
            } else {
                assertThat(response.responses()).isEmpty();
            }
        }
    }

    private static FetchRequestData request(short version, int sessionId, int epoch, FetchRequestData.FetchTopic... topics) {
        FetchRequestData data = new FetchRequestData().setMaxWaitMs(500).setMinBytes(1).setMaxBytes(50_000)
                .setSessionId(sessionId).setSessionEpoch(epoch).setTopics(new ArrayList<>());
        for (FetchRequestData.FetchTopic topic : topics) {
            FetchRequestData.FetchTopic last = data.topics().isEmpty() ? null : data.topics().get(data.topics().size() - 1);
            if (last != null && last.topic().equals(topic.topic()) && last.topicId().equals(topic.topicId())) {
                last.partitions().addAll(topic.partitions());
            } else {
                data.topics().add(topic);
            }
        }
        return data;
    }

    private static FetchRequestData.FetchTopic partition(short version, TopicPartition tp, long fetchOffset) {
        FetchRequestData.FetchTopic topic = new FetchRequestData.FetchTopic();
        if (version >= 13) {
            topic.setTopicId(tp.topic().equals("orders") ? ORDERS_ID : AUDIT_ID);
        } else {
            topic.setTopic(tp.topic());
        }
        topic.partitions().add(new FetchRequestData.FetchPartition().setPartition(tp.partition()).setFetchOffset(fetchOffset)
                .setCurrentLeaderEpoch(version >= 9 ? 6 : -1).setPartitionMaxBytes(1_024));
        return topic;
    }

    private static FetchResponse.PartitionData data(TopicPartition tp, long highWatermark, MemoryRecords records) {
        return new FetchResponse.PartitionData(tp, ErrorCode.NONE, highWatermark, 2L, 6,
                records == null ? RecordSource.EMPTY : RecordSource.of(records.buffer()));
    }

    private static List<String> partitionsOf(FetchResponseData response) {
        List<String> names = new ArrayList<>();
        for (FetchResponseData.FetchableTopicResponse topic : response.responses()) {
            String name = topic.topic().isEmpty() ? (topic.topicId().equals(ORDERS_ID) ? "orders" : "audit") : topic.topic();
            topic.partitions().forEach(p -> names.add(name + "-" + p.partitionIndex()));
        }
        return names;
    }
}
