package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.DescribeReplicaChecksumsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse.PartitionChecksum;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real broker on an embedded ZooKeeper, driven over raw sockets with the real codec: topic
 * creation, produce, fetch, metadata, and bad input that must close a connection or get an error
 * while appending nothing and leaving other connections working.
 */
class BrokerIT {

    private static final int MESSAGE_MAX_BYTES = 2048;
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private final AtomicInteger correlation = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = startBroker(Map.of());
    }

    private Broker startBroker(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of("message.max.bytes", String.valueOf(MESSAGE_MAX_BYTES)));
        config.putAll(overrides);
        return SingleBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), config);
    }

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    private RawClient connect() throws IOException {
        return new RawClient(broker.boundAddress());
    }

    @Test
    void createProduceFetchAndDescribe() throws IOException {
        try (RawClient client = connect()) {
            createTopic(client, "orders", 2);

            ProduceResponse.PartitionResponse first = produce(client, batch("a", "b", "c"));
            ProduceResponse.PartitionResponse second = produce(client, batch("d"));
            assertThat(first.error()).isEqualTo(ErrorCode.NONE);
            assertThat(first.baseOffset()).isZero();
            assertThat(second.baseOffset()).isEqualTo(3);

            assertThat(fetchValues(client, 0)).containsExactly("a", "b", "c", "d");
            assertThat(fetchValues(client, 3)).containsExactly("d");
            assertThat(latestOffset(client)).isEqualTo(4);

            client.send(MetadataRequest.forTopics(List.of("orders", "missing"), false), next());
            MetadataResponse metadata = (MetadataResponse) client.read(ApiKey.METADATA).body();
            assertThat(metadata.brokers()).extracting(b -> b.id()).containsExactly(1);
            assertThat(metadata.brokers().get(0).port()).isEqualTo(broker.boundAddress().getPort());
            MetadataResponse.TopicMetadata orders = metadata.topics().get(0);
            assertThat(orders.partitions()).hasSize(2).allSatisfy(p -> {
                assertThat(p.leaderId()).isEqualTo(1);
                assertThat(p.isr()).containsExactly(1);
            });
            assertThat(metadata.topics().get(1).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);

            client.send(new DescribeClusterRequest(), next());
            DescribeClusterResponse cluster = (DescribeClusterResponse) client.read(ApiKey.DESCRIBE_CLUSTER).body();
            assertThat(cluster.brokers()).hasSize(1);
            assertThat(cluster.clusterId()).isNotBlank().isEqualTo(metadata.clusterId());
        }
    }

    @Test
    void replicaChecksumsCoverWholeBatchesUpToTheHighWatermarkOrTheAskedOffset() throws IOException {
        try (RawClient client = connect()) {
            createTopic(client, "orders", 1);
            produce(client, batch("a", "b", "c"));
            produce(client, batch("d"));

            PartitionChecksum upToHw = checksum(client, TP, DescribeReplicaChecksumsRequest.OWN_HIGH_WATERMARK);
            PartitionChecksum upTo3 = checksum(client, TP, 3);
            PartitionChecksum straddling = checksum(client, TP, 2);

            assertThat(upToHw.error()).isEqualTo(ErrorCode.NONE);
            assertThat(upToHw.leader()).isTrue();
            assertThat(upToHw.highWatermark()).isEqualTo(4);
            assertThat(upToHw.upToOffset()).isEqualTo(4);
            assertThat(upTo3.upToOffset()).isEqualTo(3);
            assertThat(upTo3.checksum()).isNotEqualTo(upToHw.checksum());
            assertThat(straddling.upToOffset()).isZero();
            assertThat(checksum(client, TP, 4)).isEqualTo(upToHw);
            assertThat(checksum(client, TP, 5).error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
            assertThat(checksum(client, new TopicPartition("missing", 0), -1).error())
                    .isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        }
    }

    private PartitionChecksum checksum(RawClient client, TopicPartition tp, long upTo) throws IOException {
        client.send(new DescribeReplicaChecksumsRequest(List.of(new DescribeReplicaChecksumsRequest.PartitionQuery(tp, upTo))),
                next());
        return ((DescribeReplicaChecksumsResponse) client.read(ApiKey.DESCRIBE_REPLICA_CHECKSUMS).body()).partitions().get(0);
    }

    @Test
    void acksZeroGetsNoResponseAndLaterResponsesStayInOrder() throws IOException {
        try (RawClient client = connect()) {
            createTopic(client, "orders", 1);
            client.send(new ProduceRequest((short) 0, 10_000, List.of(new ProduceRequest.PartitionData(TP,
                    RecordSource.of(batch("fire-and-forget"))))), next());
            int listOffsets = next();
            client.send(new ListOffsetsRequest(-1, List.of(new ListOffsetsRequest.PartitionData(TP,
                    ListOffsetsRequest.LATEST_TIMESTAMP, -1))), listOffsets);

            RawClient.Response response = client.read(ApiKey.LIST_OFFSETS);
            assertThat(response.correlationId()).isEqualTo(listOffsets);
            assertThat(((ListOffsetsResponse) response.body()).partitions().get(0).offset()).isEqualTo(1);
        }
    }

    /** As Kafka's broker: the client learns of the failure from the disconnect and refreshes its metadata. */
    @Test
    void aFailedAcksZeroProduceClosesTheConnectionAfterTheEarlierResponses() throws IOException {
        try (RawClient client = connect()) {
            createTopic(client, "orders", 1);
            int metadata = next();
            client.send(MetadataRequest.forTopics(List.of("orders"), false), metadata);
            client.send(new ProduceRequest((short) 0, 10_000, List.of(new ProduceRequest.PartitionData(
                    new TopicPartition("no-such-topic", 0), RecordSource.of(batch("into the void"))))), next());

            assertThat(client.read(ApiKey.METADATA).correlationId()).isEqualTo(metadata);
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void longPollFetchReturnsWhenDataArrives() throws Exception {
        try (RawClient consumer = connect(); RawClient producer = connect()) {
            createTopic(consumer, "orders", 1);
            consumer.send(new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 10_000, 1, 1 << 20,
                    List.of(new FetchRequest.PartitionData(TP, 0, -1, 1 << 20))), next());
            produce(producer, batch("wake-up"));

            FetchResponse.PartitionData data = ((FetchResponse) consumer.read(ApiKey.FETCH).body()).partitions().get(0);
            assertThat(data.error()).isEqualTo(ErrorCode.NONE);
            assertThat(data.highWatermark()).isEqualTo(1);
            assertThat(RecordBatches.wrap(data.records().toByteBuffer()).records()).hasSize(1);
        }
    }

    @Test
    void growAndDeleteTopics() throws IOException {
        try (RawClient client = connect()) {
            createTopic(client, "orders", 2);
            client.send(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.TopicSpec("orders", 3),
                    new CreatePartitionsRequest.TopicSpec("orders-missing", 3)), 10_000, false), next());
            CreatePartitionsResponse grown = (CreatePartitionsResponse) client.read(ApiKey.CREATE_PARTITIONS).body();
            assertThat(grown.topics()).extracting(CreatePartitionsResponse.TopicResult::error)
                    .containsExactly(ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            assertThat(topicMetadata(client, "orders").partitions()).hasSize(3);

            client.send(new DeleteTopicsRequest(List.of("orders"), 10_000), next());
            DeleteTopicsResponse deleted = (DeleteTopicsResponse) client.read(ApiKey.DELETE_TOPICS).body();
            assertThat(deleted.topics().get(0).error()).isEqualTo(ErrorCode.NONE);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    topicMetadata(client, "orders").error() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
    }

    @Test
    void deleteIsRefusedWhenDisabled() throws IOException {
        broker.close();
        broker = startBroker(Map.of("delete.topic.enable", "false"));
        try (RawClient client = connect()) {
            createTopic(client, "orders", 1);
            client.send(new DeleteTopicsRequest(List.of("orders"), 10_000), next());
            DeleteTopicsResponse response = (DeleteTopicsResponse) client.read(ApiKey.DELETE_TOPICS).body();
            assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(response.topics().get(0).errorMessage()).contains("delete.topic.enable");
        }
    }

    private MetadataResponse.TopicMetadata topicMetadata(RawClient client, String topic) throws IOException {
        client.send(MetadataRequest.forTopics(List.of(topic), false), next());
        return ((MetadataResponse) client.read(ApiKey.METADATA).body()).topics().get(0);
    }

    @Test
    void creatingAnExistingTopicIsRefusedPerTopic() throws IOException {
        try (RawClient client = connect()) {
            createTopic(client, "orders", 1);
            client.send(new CreateTopicsRequest(List.of(new CreateTopicsRequest.TopicSpec("orders", 1, (short) 1,
                    Map.of())), 1000, false), next());
            CreateTopicsResponse response = (CreateTopicsResponse) client.read(ApiKey.CREATE_TOPICS).body();
            assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.TOPIC_ALREADY_EXISTS);
        }
    }

    @Test
    void badInputIsRefusedNothingIsAppendedAndOthersKeepWorking() throws IOException {
        try (RawClient healthy = connect()) {
            createTopic(healthy, "orders", 1);
            produce(healthy, batch("ok"));

            ByteBuffer corrupt = batch("corrupt-me");
            corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 0x55));
            try (RawClient client = connect()) {
                assertThat(produce(client, corrupt).error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
                assertThat(produce(client, batch("x".repeat(MESSAGE_MAX_BYTES + 1))).error())
                        .isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
                ByteBuffer cut = batch("cut");
                cut.limit(cut.limit() - 5);
                assertThat(produce(client, cut.slice()).error()).isIn(ErrorCode.CORRUPT_MESSAGE, ErrorCode.INVALID_RECORD);
            }
            for (byte[] bad : List.of(ByteBuffer.allocate(4).putInt(-1).array(), ByteBuffer.allocate(4).putInt(0).array(),
                    ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array(), "GET / HTTP/1.1\r\n\r\n".getBytes())) {
                try (RawClient attacker = connect()) {
                    attacker.sendRaw(bad);
                    assertThat(attacker.isClosedByServer()).isTrue();
                }
                assertThat(latestOffset(healthy)).isEqualTo(1);
            }
            assertThat(produce(healthy, batch("still-ok")).baseOffset()).isEqualTo(1);
            assertThat(fetchValues(healthy, 0)).containsExactly("ok", "still-ok");
        }
    }

    @Test
    void metadataAutoCreatesTopicsOnlyWhenEnabled() throws IOException {
        try (RawClient client = connect()) {
            client.send(MetadataRequest.forTopics(List.of("auto"), true), next());
            MetadataResponse refused = (MetadataResponse) client.read(ApiKey.METADATA).body();
            assertThat(refused.topics().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        broker.close();
        broker = startBroker(Map.of("auto.create.topics.enable", "true", "num.partitions", "3"));
        try (RawClient client = connect()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                client.send(MetadataRequest.forTopics(List.of("auto"), true), next());
                MetadataResponse.TopicMetadata topic =
                        ((MetadataResponse) client.read(ApiKey.METADATA).body()).topics().get(0);
                return topic.error() == ErrorCode.NONE && topic.partitions().size() == 3
                        && topic.partitions().stream().allMatch(p -> p.leaderId() == 1);
            });
        }
    }

    @Test
    void aSecondBrokerWithTheSameIdRefusesToStart() throws IOException {
        assertThatThrownBy(() -> startBroker(Map.of("log.dirs", dir.resolve("other").toString())))
                .hasMessageContaining("broker.id 1");
        try (RawClient client = connect()) {
            client.send(new DescribeClusterRequest(), next());
            DescribeClusterResponse cluster = (DescribeClusterResponse) client.read(ApiKey.DESCRIBE_CLUSTER).body();
            assertThat(cluster.brokers()).extracting(b -> b.port()).containsExactly(broker.boundAddress().getPort());
        }
    }

    @Test
    void restartOnTheSameLogDirsKeepsTheData() throws IOException {
        try (RawClient client = connect()) {
            createTopic(client, "orders", 1);
            produce(client, batch("before", "restart"));
        }
        broker.close();
        assertThat(dir.resolve("logs").resolve(".kafka_cleanshutdown")).exists();

        broker = startBroker(Map.of());
        try (RawClient client = connect()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> latestOffsetError(client) == ErrorCode.NONE);
            assertThat(fetchValues(client, 0)).containsExactly("before", "restart");
            assertThat(produce(client, batch("after")).baseOffset()).isEqualTo(2);
        }
    }

    @Test
    void stopIsCleanAndIdempotent() {
        broker.close();
        broker.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (RawClient ignored = connect()) {
                return false;
            } catch (IOException refused) {
                return true;
            }
        });
    }

    private int next() {
        return correlation.incrementAndGet();
    }

    private void createTopic(RawClient client, String name, int partitions) throws IOException {
        client.send(new CreateTopicsRequest(List.of(new CreateTopicsRequest.TopicSpec(name, partitions, (short) 1,
                Map.of())), 10_000, false), next());
        CreateTopicsResponse response = (CreateTopicsResponse) client.read(ApiKey.CREATE_TOPICS).body();
        assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.NONE);
        await().atMost(Duration.ofSeconds(15)).until(() -> latestOffsetError(client) == ErrorCode.NONE);
    }

    private ProduceResponse.PartitionResponse produce(RawClient client, ByteBuffer records) throws IOException {
        client.send(new ProduceRequest((short) 1, 10_000, List.of(new ProduceRequest.PartitionData(TP,
                RecordSource.of(records)))), next());
        return ((ProduceResponse) client.read(ApiKey.PRODUCE).body()).partitions().get(0);
    }

    private List<String> fetchValues(RawClient client, long offset) throws IOException {
        client.send(new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 0, 1, 1 << 20,
                List.of(new FetchRequest.PartitionData(TP, offset, -1, 1 << 20))), next());
        FetchResponse.PartitionData data = ((FetchResponse) client.read(ApiKey.FETCH).body()).partitions().get(0);
        assertThat(data.error()).isEqualTo(ErrorCode.NONE);
        List<String> values = new ArrayList<>();
        for (Record record : RecordBatches.wrap(data.records().toByteBuffer()).records()) {
            if (record.offset() >= offset) {
                values.add(StandardCharsets.UTF_8.decode(record.value().orElseThrow()).toString());
            }
        }
        return values;
    }

    private long latestOffset(RawClient client) throws IOException {
        client.send(new ListOffsetsRequest(-1, List.of(new ListOffsetsRequest.PartitionData(TP,
                ListOffsetsRequest.LATEST_TIMESTAMP, -1))), next());
        ListOffsetsResponse.PartitionResponse response =
                ((ListOffsetsResponse) client.read(ApiKey.LIST_OFFSETS).body()).partitions().get(0);
        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        return response.offset();
    }

    private ErrorCode latestOffsetError(RawClient client) throws IOException {
        client.send(new ListOffsetsRequest(-1, List.of(new ListOffsetsRequest.PartitionData(TP,
                ListOffsetsRequest.LATEST_TIMESTAMP, -1))), next());
        return ((ListOffsetsResponse) client.read(ApiKey.LIST_OFFSETS).body()).partitions().get(0).error();
    }

    private static ByteBuffer batch(String... values) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        for (String value : values) {
            builder.append(1_700_000_000_000L, null, value.getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer buffer = builder.build().buffer();
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }
}
