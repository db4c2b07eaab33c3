package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.broker.server.handler.ApiVersionsHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.ApiVersionsResponse;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

class SocketServerTest {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    private final Map<String, CompletableFuture<MetadataResponse>> pendingMetadata = new ConcurrentHashMap<>();
    private final CompletableFuture<FetchResponse> fetchResponse = new CompletableFuture<>();
    private RequestExecutor executor;
    private SocketServer server;

    @BeforeEach
    void startServer() {
        executor = new RequestExecutor(2);
        List<RequestHandler<?>> handlers = List.of(
                new ApiVersionsHandler(Set.of(ApiKey.METADATA, ApiKey.FETCH)),
                new ControlledHandlers.Metadata(pendingMetadata),
                new ControlledHandlers.Fetch(fetchResponse));
        RequestDispatcher dispatcher = new RequestDispatcher(handlers, executor);
        ServerSettings settings = new ServerSettings(List.of(Endpoint.plaintext("127.0.0.1", 0)), 1,
                MAX_REQUEST_BYTES, -1, -1, Duration.ofMinutes(1), 8);
        server = new SocketServer(settings, new KryoCodec(), dispatcher);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        executor.close();
    }

    private RawClient connect() throws IOException {
        return new RawClient(server.boundAddresses().get(0));
    }

    @Test
    void bindsAFreePortAndAnswersApiVersions() throws IOException {
        assertThat(server.boundAddresses().get(0).getPort()).isPositive();
        try (RawClient client = connect()) {
            client.send(new ApiVersionsRequest("test", "1"), 7);
            RawClient.Response response = client.read(ApiKey.API_VERSIONS);

            assertThat(response.correlationId()).isEqualTo(7);
            ApiVersionsResponse versions = (ApiVersionsResponse) response.body();
            assertThat(versions.error()).isEqualTo(ErrorCode.NONE);
            assertThat(versions.apiVersions()).extracting(ApiVersionsResponse.ApiVersion::apiKey)
                    .containsExactlyInAnyOrder(ApiKey.API_VERSIONS.id(), ApiKey.METADATA.id(), ApiKey.FETCH.id());
        }
    }

    @Test
    void responsesLeaveInRequestOrderWhenHandlersFinishOutOfOrder() throws IOException {
        try (RawClient client = connect()) {
            client.send(MetadataRequest.forTopics(List.of("first"), false), 1);
            client.send(MetadataRequest.forTopics(List.of("second"), false), 2);
            client.send(MetadataRequest.forTopics(List.of("third"), false), 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingMetadata.size() == 3);

            complete("third");
            complete("second");
            complete("first");

            assertThat(List.of(client.read(ApiKey.METADATA), client.read(ApiKey.METADATA), client.read(ApiKey.METADATA)))
                    .extracting(RawClient.Response::correlationId).containsExactly(1, 2, 3);
        }
    }

    private void complete(String topic) {
        pendingMetadata.get(topic).complete(new MetadataResponse(List.of(), "cluster",
                List.of(new MetadataResponse.TopicMetadata(ErrorCode.NONE, topic, List.of()))));
    }

    @Test
    void readingPausesWhileTooManyRequestsAreUnanswered() throws IOException {
        try (RawClient client = connect()) {
            for (int i = 0; i < 20; i++) {
                client.send(MetadataRequest.forTopics(List.of("t" + i), false), i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingMetadata.size() == 8);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> pendingMetadata.size() == 8);

            for (int i = 0; i < 20; i++) {
                String topic = "t" + i;
                await().atMost(Duration.ofSeconds(10)).until(() -> pendingMetadata.containsKey(topic));
                complete(topic);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(client.read(ApiKey.METADATA).correlationId()).isEqualTo(i);
            }
        }
    }

    @Test
    void unknownApiKeyGetsAnErrorResponseAndTheConnectionStays() throws IOException {
        try (RawClient client = connect()) {
            byte[] frame = client.encode(new RequestHeader(ApiKey.API_VERSIONS, (short) 0, 5, "raw"),
                    new ApiVersionsRequest("t", "1"));
            ByteBuffer.wrap(frame).putShort(4, (short) 999);
            client.sendRaw(frame);
            RawClient.Response response = client.read(ApiKey.API_VERSIONS);
            assertThat(response.correlationId()).isEqualTo(5);
            assertThat(((ErrorResponse) response.body()).error()).isEqualTo(ErrorCode.UNKNOWN_API_KEY);

            ByteBuffer.wrap(frame).putShort(4, ApiKey.API_VERSIONS.id()).putShort(6, (short) 42);
            client.sendRaw(frame);
            assertThat(((ErrorResponse) client.read(ApiKey.API_VERSIONS).body()).error())
                    .isEqualTo(ErrorCode.UNSUPPORTED_VERSION);

            client.send(new ApiVersionsRequest("t", "1"), 6);
            assertThat(client.read(ApiKey.API_VERSIONS).correlationId()).isEqualTo(6);
        }
    }

    @Test
    void badFramesCloseOnlyTheirConnection() throws IOException {
        List<byte[]> badInputs = List.of(
                ByteBuffer.allocate(4).putInt(-1).array(),
                ByteBuffer.allocate(4).putInt(0).array(),
                ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array(),
                ByteBuffer.allocate(4).putInt(MAX_REQUEST_BYTES + 1).array(),
                garbage());
        try (RawClient healthy = connect()) {
            for (byte[] bad : badInputs) {
                try (RawClient attacker = connect()) {
                    attacker.sendRaw(bad);
                    assertThat(attacker.isClosedByServer()).as("closed after %d bad bytes", bad.length).isTrue();
                }
                healthy.send(new ApiVersionsRequest("t", "1"), bad.length);
                assertThat(healthy.read(ApiKey.API_VERSIONS).correlationId()).isEqualTo(bad.length);
            }
        }
    }

    @Test
    void truncatedFrameIsNeverServedAndOthersKeepWorking() throws IOException {
        try (RawClient attacker = connect(); RawClient healthy = connect()) {
            byte[] frame = attacker.encode(new RequestHeader(ApiKey.API_VERSIONS, (short) 0, 1, "raw"),
                    new ApiVersionsRequest("t", "1"));
            attacker.sendRaw(java.util.Arrays.copyOf(frame, frame.length - 3));
            healthy.send(new ApiVersionsRequest("t", "1"), 2);
            assertThat(healthy.read(ApiKey.API_VERSIONS).correlationId()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.inFlightRequests() == 0);
        }
    }

    @Test
    void fetchRecordsAreSentFromTheFileWithoutClosingIt() throws IOException {
        Path file = dir.resolve("segment.log");
        Files.write(file, "0123456789abcdefghij".getBytes());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); RawClient client = connect()) {
            TopicPartition tp = new TopicPartition("t", 0);
            fetchResponse.complete(new FetchResponse(ErrorCode.NONE, List.of(new FetchResponse.PartitionData(tp,
                    ErrorCode.NONE, 20, 0, 3, RecordSource.concat(List.of(RecordSource.ofFile(channel, 5, 5),
                    RecordSource.ofFile(channel, 12, 3)))))));
            client.send(new FetchRequest(-1, 0, 1, 1024, List.of(new FetchRequest.PartitionData(tp, 0, -1, 1024))), 9);

            FetchResponse response = (FetchResponse) client.read(ApiKey.FETCH).body();
            ByteBuffer records = response.partitions().get(0).records().toByteBuffer();
            assertThat(new String(records.array(), records.arrayOffset(), records.remaining())).isEqualTo("56789cde");
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void stopAcceptingAnswersRequestsAlreadyRead() throws Exception {
        try (RawClient client = connect()) {
            client.send(MetadataRequest.forTopics(List.of("slow"), false), 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingMetadata.containsKey("slow"));
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(
                    () -> server.stopAccepting(Duration.ofSeconds(10)));
            complete("slow");

            assertThat(client.read(ApiKey.METADATA).correlationId()).isEqualTo(1);
            assertThat(drained.get()).isTrue();
        }
    }

    private static byte[] garbage() {
        byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        ByteBuffer.wrap(bytes).putInt(0, 40);
        return bytes;
    }

    /** Handlers whose responses the test completes. */
    static final class ControlledHandlers {
        record Metadata(Map<String, CompletableFuture<MetadataResponse>> pending) implements RequestHandler<MetadataRequest> {
            @Override
            public ApiKey apiKey() {
                return ApiKey.METADATA;
            }

            @Override
            public CompletableFuture<MetadataResponse> handle(RequestContext context, MetadataRequest request) {
                return pending.computeIfAbsent(request.topics().get(0), t -> new CompletableFuture<>());
            }

            @Override
            public ApiResponse errorResponse(MetadataRequest request, ErrorCode error, String message) {
                return new MetadataResponse(List.of(), "cluster", List.of());
            }
        }

        record Fetch(CompletableFuture<FetchResponse> response) implements RequestHandler<FetchRequest> {
            @Override
            public ApiKey apiKey() {
                return ApiKey.FETCH;
            }

            @Override
            public CompletableFuture<FetchResponse> handle(RequestContext context, FetchRequest request) {
                return response;
            }

            @Override
            public ApiResponse errorResponse(FetchRequest request, ErrorCode error, String message) {
                return new FetchResponse(error, List.of());
            }
        }
    }
}
