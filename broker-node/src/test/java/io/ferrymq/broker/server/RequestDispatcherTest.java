package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestDispatcherTest {

    private static final TopicPartition TP = new TopicPartition("t", 0);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Deque<Runnable> queued = new ArrayDeque<>();

    private final RequestHandler<ProduceRequest> produce = new RequestHandler<>() {
        @Override
        public ApiKey apiKey() {
            return ApiKey.PRODUCE;
        }

        @Override
        public boolean expectsResponse(ProduceRequest request) {
            return request.acks() != 0;
        }

        @Override
        public CompletableFuture<ProduceResponse> handle(RequestContext context, ProduceRequest request) {
            if (failure.get() != null) {
                throw failure.get();
            }
            return CompletableFuture.completedFuture(new ProduceResponse(List.of(
                    new ProduceResponse.PartitionResponse(TP, ErrorCode.NONE, "", 42L, -1L, 0L))));
        }

        @Override
        public ApiResponse errorResponse(ProduceRequest request, ErrorCode error, String message) {
            return new ProduceResponse(List.of(ProduceResponse.PartitionResponse.error(TP, error, message)));
        }
    };

    private final RequestDispatcher dispatcher = new RequestDispatcher(List.of(produce), Runnable::run);

    private static ProduceRequest request(int acks) {
        return new ProduceRequest((short) acks, 1000, List.of(new ProduceRequest.PartitionData(TP,
                RecordSource.of(ByteBuffer.allocate(0)))));
    }

    private Optional<ApiResponse> dispatch(Object request) {
        RequestContext context = new RequestContext(((io.ferrymq.common.protocol.ApiRequest) request).apiKey(),
                (short) 0, 1, "test", new InetSocketAddress("127.0.0.1", 1));
        return dispatcher.dispatch(context, (io.ferrymq.common.protocol.ApiRequest) request).response().join();
    }

    @Test
    void servesThroughTheHandler() {
        ProduceResponse response = (ProduceResponse) dispatch(request(1)).orElseThrow();
        assertThat(response.partitions().get(0).baseOffset()).isEqualTo(42L);
    }

    @Test
    void aThrownApiExceptionBecomesItsCodeWithoutStackTrace() {
        failure.set(new CorruptRecordException("CRC mismatch at position 0"));

        ProduceResponse.PartitionResponse partition =
                ((ProduceResponse) dispatch(request(1)).orElseThrow()).partitions().get(0);

        assertThat(partition.error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
        assertThat(partition.errorMessage()).isEqualTo("CRC mismatch at position 0").doesNotContain("at io.");
    }

    @Test
    void anUnexpectedExceptionBecomesUnknownServerError() {
        failure.set(new IllegalStateException("boom"));

        ProduceResponse.PartitionResponse partition =
                ((ProduceResponse) dispatch(request(1)).orElseThrow()).partitions().get(0);

        assertThat(partition.error()).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
        assertThat(partition.errorMessage()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void acksZeroGetsNoResponse() {
        assertThat(dispatch(request(0))).isEmpty();
    }

    @Test
    void aFailedAcksZeroClosesTheConnectionInsteadOfAnswering() {
        failure.set(new CorruptRecordException("CRC mismatch at position 0"));

        assertThat(dispatch(request(0))).get().isInstanceOfSatisfying(CloseConnection.class,
                close -> assertThat(close.reason()).contains("CRC mismatch at position 0"));
    }

    @Test
    void anApiWithoutHandlerIsUnknownApiKey() {
        ErrorResponse response = (ErrorResponse) dispatch(new DescribeClusterRequest()).orElseThrow();
        assertThat(response.error()).isEqualTo(ErrorCode.UNKNOWN_API_KEY);
    }

    @Test
    void aProduceIsAppliedWhenItsHandlerReturnedNotWhenItsAcksAreMet() {
        Pending<ProduceRequest> acksAll = new Pending<>(ApiKey.PRODUCE);
        RequestDispatcher.Dispatch dispatch = dispatchLater(acksAll, request(-1));
        assertThat(dispatch.applied()).isNotDone();

        queued.poll().run();

        assertThat(acksAll.handled).isTrue();
        assertThat(dispatch.applied()).isDone();
        assertThat(dispatch.response()).isNotDone();
    }

    @Test
    void anOffsetCommitIsAppliedOnlyWhenItsFutureCompletes() {
        Pending<OffsetCommitRequest> commit = new Pending<>(ApiKey.OFFSET_COMMIT);
        RequestDispatcher.Dispatch dispatch = dispatchLater(commit,
                new OffsetCommitRequest("g", OffsetCommitRequest.NO_GENERATION, "", List.of()));
        queued.poll().run();
        assertThat(dispatch.applied()).isNotDone();

        commit.response.complete(new OffsetCommitResponse(List.of()));

        assertThat(dispatch.applied()).isDone();
        assertThat(dispatch.response()).isDone();
    }

    @Test
    void anInitProducerIdIsAppliedOnlyWhenItsFutureCompletes() {
        Pending<InitProducerIdRequest> init = new Pending<>(ApiKey.INIT_PRODUCER_ID);
        RequestDispatcher.Dispatch dispatch = dispatchLater(init, InitProducerIdRequest.newProducer());
        queued.poll().run();
        assertThat(dispatch.applied()).isNotDone();

        init.response.complete(InitProducerIdResponse.granted(7, (short) 0));

        assertThat(dispatch.applied()).isDone();
    }

    @Test
    void aFetchHoldsNothingUpEvenBeforeItsHandlerRuns() {
        Pending<FetchRequest> longPoll = new Pending<>(ApiKey.FETCH);
        RequestDispatcher.Dispatch dispatch = dispatchLater(longPoll,
                new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 10_000, 1, 1 << 20, List.of()));

        assertThat(longPoll.handled).isFalse();
        assertThat(dispatch.applied()).isDone();
    }

    private <Q extends ApiRequest> RequestDispatcher.Dispatch dispatchLater(RequestHandler<Q> handler, Q request) {
        RequestContext context = new RequestContext(request.apiKey(), (short) 0, 1, "test",
                new InetSocketAddress("127.0.0.1", 1));
        return new RequestDispatcher(List.of(handler), queued::add).dispatch(context, request);
    }

    @Test
    void unsupportedVersionNamesTheSupportedRange() {
        ErrorResponse response = (ErrorResponse) RequestDispatcher.unsupported(ApiKey.FETCH.id(), (short) 9);
        assertThat(response.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(response.errorMessage()).contains("FETCH version 9").contains("0..0");
        assertThat(((ErrorResponse) RequestDispatcher.unsupported((short) 999, (short) 0)).error())
                .isEqualTo(ErrorCode.UNKNOWN_API_KEY);
    }

    /** A handler whose response the test completes; records whether it was called. */
    private static final class Pending<Q extends ApiRequest> implements RequestHandler<Q> {

        private final ApiKey apiKey;
        private final CompletableFuture<ApiResponse> response = new CompletableFuture<>();
        private volatile boolean handled;

        Pending(ApiKey apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        public ApiKey apiKey() {
            return apiKey;
        }

        @Override
        public CompletableFuture<ApiResponse> handle(RequestContext context, Q request) {
            handled = true;
            return response;
        }

        @Override
        public ApiResponse errorResponse(Q request, ErrorCode error, String message) {
            return new ErrorResponse(error, message);
        }
    }
}
