package io.ferrymq.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    private final Map<String, ByteBuffer> producedBytes = new ConcurrentHashMap<>();
    private volatile Optional<FileChannel> fetchFile = Optional.empty();
    private TestBroker broker;
    private NetworkClient client;

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (fetchFile.isPresent()) {
            fetchFile.get().close();
        }
    }

    private Optional<ApiResponse> respond(DecodedRequest decoded) {
        if (decoded.request() instanceof MetadataRequest metadata) {
            return Optional.of(new MetadataResponse(List.of(), metadata.topics().get(0), List.of()));
        } else if (decoded.request() instanceof ProduceRequest produce) {
            return produce.acks() == 0 ? Optional.empty() : Optional.of(acknowledge(produce));
        } else if (decoded.request() instanceof FetchRequest) {
            FileChannel file = fetchFile.orElseThrow();
            return Optional.of(new FetchResponse(ErrorCode.NONE, List.of(new FetchResponse.PartitionData(
                    TP, ErrorCode.NONE, 10, 0, 3, RecordSource.ofFile(file, 1, (int) size(file) - 1)))));
        } else if (decoded.request() instanceof DescribeClusterRequest) {
            return Optional.of(new ErrorResponse(ErrorCode.UNSUPPORTED_VERSION, "not today"));
        }
        return Optional.empty();
    }

    private static long size(FileChannel file) {
        try {
            return file.size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ProduceResponse acknowledge(ProduceRequest produce) {
        List<ProduceResponse.PartitionResponse> acks = new ArrayList<>();
        for (ProduceRequest.PartitionData data : produce.partitions()) {
            ByteBuffer copy = ByteBuffer.allocate(data.records().sizeInBytes()).put(data.records().toByteBuffer()).flip();
            producedBytes.put(data.topicPartition().toString(), copy);
            acks.add(new ProduceResponse.PartitionResponse(data.topicPartition(), ErrorCode.NONE, "", copy.remaining(), -1, 0));
        }
        return new ProduceResponse(acks);
    }

    private BrokerConnection connect(NetworkConfig config) {
        broker = new TestBroker(this::respond);
        client = new NetworkClient(config);
        return client.connect(broker.address()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void concurrentSendersEachGetTheResponseToTheirOwnRequest() throws Exception {
        BrokerConnection connection = connect(NetworkConfig.defaults("c1"));
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> checks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String topic = "topic-" + i;
                checks.add(CompletableFuture.supplyAsync(
                        () -> connection.send(MetadataRequest.forTopics(List.of(topic), false), MetadataResponse.class),
                        senders).thenCompose(f -> f).thenAccept(r -> assertThat(r.clusterId()).isEqualTo(topic)));
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }
        assertThat(broker.received()).hasSize(400).allSatisfy(h -> assertThat(h.clientId()).isEqualTo("c1"));
        assertThat(broker.received().stream().map(h -> h.correlationId()).distinct()).hasSize(400);
        assertThat(connection.inFlightCount()).isZero();
    }

    @Test
    void produceBytesArriveUnchanged() {
        BrokerConnection connection = connect(NetworkConfig.defaults("p"));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(big);
        ProduceRequest request = new ProduceRequest((short) 1, 1000, List.of(
                new ProduceRequest.PartitionData(TP, RecordSource.of(ByteBuffer.wrap(big))),
                new ProduceRequest.PartitionData(new TopicPartition("t", 1), RecordSource.of(ByteBuffer.wrap(new byte[] {4, 2})))));

        ProduceResponse response = connection.send(request, ProduceResponse.class).orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(response.partitions()).extracting(ProduceResponse.PartitionResponse::baseOffset).containsExactly((long) big.length, 2L);
        assertThat(producedBytes.get("t-0")).isEqualTo(ByteBuffer.wrap(big));
        assertThat(producedBytes.get("t-1")).isEqualTo(ByteBuffer.wrap(new byte[] {4, 2}));
    }

    @Test
    void framesWithRecordsFromConcurrentSendersNeverInterleave() throws Exception {
        BrokerConnection connection = connect(NetworkConfig.defaults("mix"));
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<ProduceResponse>> sends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String topic = "topic-" + i;
                ProduceRequest request = new ProduceRequest((short) 1, 1000, List.of(
                        new ProduceRequest.PartitionData(new TopicPartition(topic, 0), RecordSource.of(filled(i, 5000))),
                        new ProduceRequest.PartitionData(new TopicPartition(topic, 1), RecordSource.of(filled(i + 1, 7)))));
                sends.add(CompletableFuture.supplyAsync(() -> connection.send(request, ProduceResponse.class), senders)
                        .thenCompose(f -> f));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }
        for (int i = 0; i < 200; i++) {
            assertThat(producedBytes.get("topic-" + i + "-0")).isEqualTo(filled(i, 5000));
            assertThat(producedBytes.get("topic-" + i + "-1")).isEqualTo(filled(i + 1, 7));
        }
    }

    private static ByteBuffer filled(int value, int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) value);
        return ByteBuffer.wrap(bytes);
    }

    @Test
    void fetchRecordsSentFromAFileSliceArriveAsBytes() throws IOException {
        Path segment = dir.resolve("segment.log");
        byte[] content = new byte[2 * 1024 * 1024];
        new Random(2).nextBytes(content);
        Files.write(segment, content);
        fetchFile = Optional.of(FileChannel.open(segment, StandardOpenOption.READ));
        BrokerConnection connection = connect(NetworkConfig.defaults("f"));

        for (int round = 0; round < 2; round++) {
            FetchResponse response = connection.send(new FetchRequest(-1, 0, 1, 1 << 30, List.of(
                    new FetchRequest.PartitionData(TP, 0, -1, 1 << 30))), FetchResponse.class)
                    .orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(response.partitions().get(0).records().toByteBuffer())
                    .isEqualTo(ByteBuffer.wrap(content, 1, content.length - 1));
        }
        assertThat(fetchFile.get().isOpen()).as("segment file stays open after sendfile").isTrue();
    }

    @Test
    void unansweredRequestTimesOutWithARetriableErrorAndClosesTheConnection() {
        BrokerConnection connection = connect(NetworkConfig.defaults("t"));
        CompletableFuture<ApiResponse> other = connection.send(new HeartbeatRequest("g", 1, "n"), Duration.ofSeconds(60));

        CompletableFuture<ApiResponse> future = connection.send(new HeartbeatRequest("g", 1, "m"), Duration.ofMillis(200));

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiException.class)
                .cause().satisfies(e -> {
                    assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.REQUEST_TIMED_OUT);
                    assertThat(((ApiException) e).isRetriable()).isTrue();
                }).hasMessageContaining("HEARTBEAT").hasMessageContaining("200 ms");
        assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NetworkException.class);
        await().atMost(WAIT).until(() -> !connection.isActive());
        BrokerConnection fresh = connect(NetworkConfig.defaults("t"));
        assertThat(fresh.send(MetadataRequest.forTopics(List.of("x"), false)).orTimeout(10, TimeUnit.SECONDS).join())
                .isInstanceOf(MetadataResponse.class);
    }

    @Test
    void disconnectFailsEveryRequestInFlightWithARetriableNetworkException() {
        BrokerConnection connection = connect(NetworkConfig.defaults("d"));
        List<CompletableFuture<ApiResponse>> pending = List.of(
                connection.send(new HeartbeatRequest("g", 1, "a")), connection.send(new HeartbeatRequest("g", 1, "b")));
        await().atMost(WAIT).until(() -> broker.received().size() == 2);

        broker.closeClientConnections();

        for (CompletableFuture<ApiResponse> future : pending) {
            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NetworkException.class)
                    .satisfies(e -> assertThat(((NetworkException) e).isRetriable()).isTrue())
                    .hasMessageContaining("closed with 2 request(s) in flight");
        }
        await().atMost(WAIT).until(() -> !connection.isActive());
        assertThatThrownBy(() -> connection.send(new HeartbeatRequest("g", 1, "c")).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(NetworkException.class);
    }

    @Test
    void requestWithoutResponseCompletesOnceWritten() {
        BrokerConnection connection = connect(NetworkConfig.defaults("a0"));
        ProduceRequest acksZero = new ProduceRequest((short) 0, 1000, List.of(
                new ProduceRequest.PartitionData(TP, RecordSource.of(ByteBuffer.wrap(new byte[] {1})))));

        connection.sendNoResponse(acksZero).orTimeout(10, TimeUnit.SECONDS).join();
        assertThatThrownBy(() -> connection.send(acksZero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendNoResponse");

        await().atMost(WAIT).until(() -> broker.received().size() == 1);
        assertThat(connection.inFlightCount()).isZero();
    }

    @Test
    void errorResponseFailsTheRequestWithItsErrorCode() {
        BrokerConnection connection = connect(NetworkConfig.defaults("e"));

        assertThatThrownBy(() -> connection.send(new DescribeClusterRequest()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ApiException.class).hasMessageContaining("UNSUPPORTED_VERSION")
                .hasMessageContaining("not today");
    }

    @Test
    void responseOverTheFrameLimitClosesTheConnection() throws IOException {
        Path segment = dir.resolve("big.log");
        Files.write(segment, new byte[8192]);
        fetchFile = Optional.of(FileChannel.open(segment, StandardOpenOption.READ));
        BrokerConnection connection = connect(NetworkConfig.defaults("small").withMaxResponseBytes(1024));

        CompletableFuture<ApiResponse> fetch = connection.send(new FetchRequest(-1, 0, 1, 1 << 20, List.of(
                new FetchRequest.PartitionData(TP, 0, -1, 1 << 20))));

        assertThatThrownBy(() -> fetch.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NetworkException.class);
        await().atMost(WAIT).until(() -> !connection.isActive());
    }

    @Test
    void connectingToAClosedPortFailsWithNetworkException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        client = new NetworkClient(NetworkConfig.defaults("x").withConnectTimeout(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> client.connect("127.0.0.1", port).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(NetworkException.class).hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void closeFailsRequestsInFlightAndStopsTheIoThreads() {
        BrokerConnection connection = connect(new NetworkConfig("closing", 2, Duration.ofSeconds(5), Duration.ofSeconds(30),
                1 << 20, "ferry-net-closing-test", ClientSecurity.PLAINTEXT));
        CompletableFuture<ApiResponse> pending = connection.send(new HeartbeatRequest("g", 1, "m"));
        await().atMost(WAIT).until(() -> broker.received().size() == 1);

        client.close();

        assertThat(pending).isCompletedExceptionally();
        assertThatThrownBy(pending::join).cause().isInstanceOf(NetworkException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.getName().startsWith("ferry-net-closing-test") && t.isAlive());
        assertThatThrownBy(() -> client.connect(broker.address()).join()).cause().isInstanceOf(NetworkException.class);
    }
}
