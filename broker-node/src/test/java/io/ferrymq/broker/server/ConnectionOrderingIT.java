package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests pipelined on one connection take effect in the order they were sent, against one real
 * broker on an embedded ZooKeeper with several request threads (so unordered dispatch would race):
 * the last of many pipelined offset commits is the committed offset, and pipelined produces are
 * appended in request order; a long-polling fetch still holds up no later request.
 */
class ConnectionOrderingIT {

    private static final int ROUNDS = 10;
    private static final int PIPELINED = 50;
    private static final String GROUP = "pipelining-group";

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private RawClient client;
    private int correlation;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = SingleBroker.start(dir.resolve("logs"), zookeeper.getConnectString(),
                Map.of("num.io.threads", "4", "socket.max.inflight.requests", String.valueOf(PIPELINED)));
        client = new RawClient(broker.boundAddress());
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    /** Until this just-started broker coordinates the group (its latch may still be electing): one commit at a time. */
    private void awaitGroupCoordinator(TopicPartition tp) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            client.send(new OffsetCommitRequest(GROUP, OffsetCommitRequest.NO_GENERATION, "",
                    List.of(new OffsetCommitRequest.PartitionData(tp, 0, -1, ""))), ++correlation);
            OffsetCommitResponse response = (OffsetCommitResponse) client.read(ApiKey.OFFSET_COMMIT).body();
            return response.partitions().get(0).error() == ErrorCode.NONE;
        });
    }

    @Test
    void theLastOfManyPipelinedOffsetCommitsIsTheCommittedOffset() throws IOException {
        List<TopicPartition> partitions = IntStream.range(0, ROUNDS).mapToObj(p -> new TopicPartition("t", p)).toList();
        awaitGroupCoordinator(partitions.get(0));
        for (TopicPartition tp : partitions) {
            for (long offset = 1; offset <= PIPELINED; offset++) {
                client.send(new OffsetCommitRequest(GROUP, OffsetCommitRequest.NO_GENERATION, "",
                        List.of(new OffsetCommitRequest.PartitionData(tp, offset, -1, ""))), ++correlation);
            }
            for (int i = 0; i < PIPELINED; i++) {
                OffsetCommitResponse response = (OffsetCommitResponse) client.read(ApiKey.OFFSET_COMMIT).body();
                assertThat(response.partitions().get(0).error()).isEqualTo(ErrorCode.NONE);
            }
        }

        client.send(OffsetFetchRequest.forAllPartitions(GROUP), ++correlation);
        OffsetFetchResponse.GroupOffsets committed =
                ((OffsetFetchResponse) client.read(ApiKey.OFFSET_FETCH).body()).group(GROUP);

        assertThat(committed.error()).isEqualTo(ErrorCode.NONE);
        assertThat(committed.partitions()).hasSize(ROUNDS)
                .allSatisfy(p -> assertThat(p.offset()).as("committed offset of %s", p.topicPartition())
                        .isEqualTo(PIPELINED));
    }

    @Test
    void pipelinedProducesAreAppendedInRequestOrder() throws IOException {
        TopicPartition tp = new TopicPartition("orders", 0);
        createTopic(tp);
        List<Long> baseOffsets = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < PIPELINED; i++) {
                client.send(new ProduceRequest((short) -1, 10_000, List.of(new ProduceRequest.PartitionData(tp,
                        RecordSource.of(batch("m" + i))))), ++correlation);
            }
            for (int i = 0; i < PIPELINED; i++) {
                ProduceResponse.PartitionResponse response =
                        ((ProduceResponse) client.read(ApiKey.PRODUCE).body()).partitions().get(0);
                assertThat(response.error()).isEqualTo(ErrorCode.NONE);
                baseOffsets.add(response.baseOffset());
            }
        }

        assertThat(baseOffsets).isEqualTo(LongStream.range(0, ROUNDS * PIPELINED).boxed().toList());
    }

    @Test
    void aLongPollingFetchDoesNotHoldUpALaterProduceOnItsConnection() throws IOException {
        TopicPartition tp = new TopicPartition("orders", 0);
        createTopic(tp);

        client.send(new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 30_000, 1, 1 << 20,
                List.of(new FetchRequest.PartitionData(tp, 0, -1, 1 << 20))), ++correlation);
        client.send(new ProduceRequest((short) -1, 10_000, List.of(new ProduceRequest.PartitionData(tp,
                RecordSource.of(batch("wakes-the-fetch"))))), ++correlation);

        FetchResponse.PartitionData fetched = ((FetchResponse) client.read(ApiKey.FETCH).body()).partitions().get(0);
        assertThat(fetched.error()).isEqualTo(ErrorCode.NONE);
        assertThat(RecordBatches.wrap(fetched.records().toByteBuffer()).records()).hasSize(1);
        assertThat(((ProduceResponse) client.read(ApiKey.PRODUCE).body()).partitions().get(0).baseOffset()).isZero();
    }

    private void createTopic(TopicPartition tp) throws IOException {
        client.send(new CreateTopicsRequest(List.of(new CreateTopicsRequest.TopicSpec(tp.topic(), 1, (short) 1,
                Map.of())), 10_000, false), ++correlation);
        CreateTopicsResponse created = (CreateTopicsResponse) client.read(ApiKey.CREATE_TOPICS).body();
        assertThat(created.topics().get(0).error()).isEqualTo(ErrorCode.NONE);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            client.send(new ListOffsetsRequest(-1, List.of(new ListOffsetsRequest.PartitionData(tp,
                    ListOffsetsRequest.LATEST_TIMESTAMP, -1))), ++correlation);
            return ((ListOffsetsResponse) client.read(ApiKey.LIST_OFFSETS).body()).partitions().get(0).error()
                    == ErrorCode.NONE;
        });
    }

    private static ByteBuffer batch(String value) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        builder.append(1_700_000_000_000L, null, value.getBytes(StandardCharsets.UTF_8));
        ByteBuffer buffer = builder.build().buffer();
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }
}
