package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data path over a real Kafka listener of one broker (on an embedded ZooKeeper), with requests
 * built and responses parsed by kafka-clients: InitProducerId, Produce (acks=all and acks=0),
 * ListOffsets, OffsetForLeaderEpoch, and a fetch session from its full fetch through incremental
 * fetches that carry only partitions with news.
 */
class KafkaDataPathIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = KafkaBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of());
        InetSocketAddress ferry = broker.boundAddress("PLAINTEXT");
        try (Admin admin = FerryAdmin.create(Map.of("bootstrap.servers", ferry.getHostString() + ":" + ferry.getPort()))) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)));
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    @Test
    void producedRecordsAreListedAndFetchedThroughASession() throws IOException {
        try (KafkaWire wire = new KafkaWire(broker.boundAddress("KAFKA"))) {
            await().atMost(WAIT).until(() -> latest(wire, 0).errorCode() == Errors.NONE.code()
                    && latest(wire, 1).errorCode() == Errors.NONE.code());
            InitProducerIdResponse producer = (InitProducerIdResponse) wire.send(new InitProducerIdRequest.Builder(
                    new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000)).build((short) 5));
            assertThat(producer.data().errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(producer.data().producerId()).isNotNegative();

            assertThat(produce(wire, (short) -1, 0, "a", "b")).isZero();
            assertThat(produce(wire, (short) -1, 0, "c")).isEqualTo(2);
            wire.sendRaw(ProduceRequest.forCurrentMagic(produceData((short) 0, 0, "d")).build((short) 11)
                    .serializeWithHeader(new org.apache.kafka.common.requests.RequestHeader(
                            org.apache.kafka.common.protocol.ApiKeys.PRODUCE, (short) 11, "ferry-test", 1_000)));
            assertThat(latest(wire, 0).offset()).as("acks=0 appended without an answer; this is the next answer")
                    .isEqualTo(4);

            ListOffsetsResponseData.ListOffsetsPartitionResponse max = listOffset(wire, 0,
                    ListOffsetsRequest.MAX_TIMESTAMP, (short) 8);
            assertThat(max.offset()).isEqualTo(1);
            assertThat(max.timestamp()).isEqualTo(9_000L);
            assertThat(listOffset(wire, 0, ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP, (short) 8).offset()).isZero();

            FetchResponseData full = fetch(wire, 0, 0, List.of(position(0, 0), position(1, 0)), List.of());
            int sessionId = full.sessionId();
            assertThat(sessionId).isPositive();
            assertThat(values(full, 0)).containsExactly("a", "b", "c", "d");
            assertThat(values(full, 1)).isEmpty();

            FetchResponseData quiet = fetch(wire, sessionId, 1, List.of(position(0, 4)), List.of());
            assertThat(quiet.sessionId()).isEqualTo(sessionId);
            assertThat(quiet.responses()).as("nothing new in the session").isEmpty();

            assertThat(produce(wire, (short) 1, 1, "e")).isZero();
            FetchResponseData news = fetch(wire, sessionId, 2, List.of(), List.of());
            assertThat(news.responses()).hasSize(1);
            assertThat(news.responses().get(0).partitions()).extracting(FetchResponseData.PartitionData::partitionIndex)
                    .containsExactly(1);
            assertThat(values(news, 1)).containsExactly("e");

            FetchResponseData stale = fetch(wire, sessionId, 2, List.of(), List.of());
            assertThat(stale.errorCode()).isEqualTo(Errors.INVALID_FETCH_SESSION_EPOCH.code());

            int epoch = latest(wire, 0).leaderEpoch();
            FetchResponseData.PartitionData divergent = fetch(wire, 0, -1,
                    List.of(position(0, 6).setLastFetchedEpoch(epoch)), List.of()).responses().get(0).partitions().get(0);
            assertThat(divergent.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(divergent.divergingEpoch().epoch()).isEqualTo(epoch);
            assertThat(divergent.divergingEpoch().endOffset()).as("where the epoch ends, before the fetch offset")
                    .isEqualTo(4);
            FetchResponseData.PartitionData unknownEpoch = fetch(wire, 0, -1,
                    List.of(position(0, 4).setLastFetchedEpoch(epoch + 1)), List.of()).responses().get(0).partitions().get(0);
            assertThat(unknownEpoch.errorCode()).as("an epoch the leader does not know, as Kafka answers")
                    .isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());

            OffsetsForLeaderEpochResponse epochs = (OffsetsForLeaderEpochResponse) wire.send(
                    OffsetsForLeaderEpochRequest.Builder.forConsumer(epochRequest()).build((short) 4));
            OffsetForLeaderEpochResponseData.EpochEndOffset end = epochs.data().topics().find("orders").partitions().get(0);
            assertThat(end.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(end.endOffset()).isEqualTo(4);
        }
    }

    private static ListOffsetsResponseData.ListOffsetsPartitionResponse latest(KafkaWire wire, int partition)
            throws IOException {
        return listOffset(wire, partition, ListOffsetsRequest.LATEST_TIMESTAMP, (short) 6);
    }

    private static ListOffsetsResponseData.ListOffsetsPartitionResponse listOffset(KafkaWire wire, int partition,
            long timestamp, short version) throws IOException {
        ListOffsetsRequestData.ListOffsetsTopic topic = new ListOffsetsRequestData.ListOffsetsTopic().setName("orders")
                .setPartitions(List.of(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(partition)
                        .setTimestamp(timestamp)));
        ListOffsetsResponse response = (ListOffsetsResponse) wire.send(ListOffsetsRequest.Builder
                .forConsumer(true, org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED)
                .setTargetTimes(List.of(topic)).build(version));
        return response.data().topics().get(0).partitions().get(0);
    }

    private static long produce(KafkaWire wire, short acks, int partition, String... values) throws IOException {
        ProduceResponse response = (ProduceResponse) wire.send(ProduceRequest.forCurrentMagic(
                produceData(acks, partition, values)).build((short) 11));
        ProduceResponseData.PartitionProduceResponse answer = response.data().responses().find("orders")
                .partitionResponses().get(0);
        assertThat(answer.errorCode()).isEqualTo(Errors.NONE.code());
        return answer.baseOffset();
    }

    private static ProduceRequestData produceData(short acks, int partition, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            // "b" carries the largest timestamp of the test
            records[i] = new SimpleRecord(values[i].equals("b") ? 9_000L : 1_000L + i, null, values[i].getBytes());
        }
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName("orders").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(partition)
                        .setRecords(MemoryRecords.withRecords(Compression.NONE, records)))));
        return new ProduceRequestData().setAcks(acks).setTimeoutMs(10_000).setTopicData(topics);
    }

    private static FetchRequestData.FetchPartition position(int partition, long offset) {
        return new FetchRequestData.FetchPartition().setPartition(partition).setFetchOffset(offset)
                .setPartitionMaxBytes(1 << 20);
    }

    private static FetchResponseData fetch(KafkaWire wire, int sessionId, int epoch,
                                           List<FetchRequestData.FetchPartition> partitions,
                                           List<FetchRequestData.ForgottenTopic> forgotten) throws IOException {
        FetchRequestData data = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(100).setMinBytes(1)
                .setMaxBytes(1 << 20).setSessionId(sessionId).setSessionEpoch(epoch)
                .setForgottenTopicsData(forgotten).setTopics(new ArrayList<>());
        if (!partitions.isEmpty()) {
            data.topics().add(new FetchRequestData.FetchTopic().setTopic("orders").setPartitions(partitions));
        }
        return ((FetchResponse) wire.send(new FetchRequest.SimpleBuilder(data).build((short) 12))).data();
    }

    private static List<String> values(FetchResponseData response, int partition) {
        List<String> values = new ArrayList<>();
        for (FetchResponseData.PartitionData data : response.responses().get(0).partitions()) {
            if (data.partitionIndex() == partition) {
                assertThat(data.errorCode()).isEqualTo(Errors.NONE.code());
                for (RecordBatch batch : ((MemoryRecords) data.records()).batches()) {
                    for (Record record : batch) {
                        byte[] value = new byte[record.valueSize()];
                        record.value().get(value);
                        values.add(new String(value));
                    }
                }
            }
        }
        return values;
    }

    private static OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection epochRequest() {
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection topics =
                new OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection();
        topics.add(new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic("orders").setPartitions(List.of(
                new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(0).setLeaderEpoch(0)
                        .setCurrentLeaderEpoch(-1))));
        return topics;
    }
}
