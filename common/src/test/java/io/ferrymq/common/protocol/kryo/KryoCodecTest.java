package io.ferrymq.common.protocol.kryo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.MessageSamples;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KryoCodecTest {

    private final KryoCodec codec = new KryoCodec();
    private final PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

    @Test
    void samplesCoverEveryApiKey() {
        assertThat(MessageSamples.requests().keySet()).containsExactlyInAnyOrder(ApiKey.values());
        assertThat(MessageSamples.responses().keySet()).containsExactlyInAnyOrder(ApiKey.values());
        MessageSamples.requests().forEach((key, request) -> assertThat(request.apiKey()).isEqualTo(key));
        MessageSamples.responses().forEach((key, response) -> assertThat(response).isInstanceOf(MessageTypes.response(key)));
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void requestRoundTripsThroughAFrame(ApiKey key) {
        ApiRequest request = MessageSamples.requests().get(key);
        RequestHeader header = new RequestHeader(key, key.latestVersion(), 0x7eadbeef, "client-ü");

        ByteBuf frame = toWireFrame(codec.encodeRequest(header, request, allocator));
        try (DecodedRequest decoded = codec.decodeRequest(frame)) {
            assertThat(decoded.header()).isEqualTo(header);
            assertThat(decoded.request()).isEqualTo(request);
        } finally {
            frame.release();
        }
        assertThat(frame.refCnt()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void responseRoundTripsThroughAFrame(ApiKey key) {
        ApiResponse response = MessageSamples.responses().get(key);

        ByteBuf frame = toWireFrame(codec.encodeResponse(-17, key, key.latestVersion(), response, allocator));
        try {
            assertThat(codec.decodeResponseHeader(frame).correlationId()).isEqualTo(-17);
            assertThat(codec.decodeResponse(frame, key, key.latestVersion())).isEqualTo(response);
        } finally {
            frame.release();
        }
    }

    @Test
    void errorResponseDecodesForAnyApiKey() {
        ErrorResponse error = new ErrorResponse(ErrorCode.UNSUPPORTED_VERSION, "FETCH version 9");
        ByteBuf frame = toWireFrame(codec.encodeResponse(5, ApiKey.FETCH, (short) 9, error, allocator));
        try {
            assertThat(codec.decodeResponse(frame, ApiKey.FETCH, (short) 0)).isEqualTo(error);
        } finally {
            frame.release();
        }
    }

    @Test
    void produceRecordsTravelBesideTheBodyInPartitionOrderWithoutCopy() {
        ProduceRequest request = (ProduceRequest) MessageSamples.requests().get(ApiKey.PRODUCE);
        EncodedFrame encoded = codec.encodeRequest(RequestHeader.latest(ApiKey.PRODUCE, 1, "c"), request, allocator);

        assertThat(encoded.records()).containsExactly(request.partitions().get(0).records(),
                request.partitions().get(1).records(), request.partitions().get(2).records());
        ByteBuf frame = toWireFrame(encoded);
        int recordBytes = "batch-bytes-for-p0".length() + "p3".length();
        String tail = frame.toString(frame.writerIndex() - recordBytes, recordBytes, StandardCharsets.UTF_8);
        assertThat(tail).isEqualTo("batch-bytes-for-p0p3");
        frame.release();
    }

    @Test
    void decodedProduceRecordsStayValidUntilTheRequestIsClosed() {
        ProduceRequest request = (ProduceRequest) MessageSamples.requests().get(ApiKey.PRODUCE);
        ByteBuf frame = toWireFrame(codec.encodeRequest(RequestHeader.latest(ApiKey.PRODUCE, 1, "c"), request, allocator));

        DecodedRequest decoded = codec.decodeRequest(frame);
        frame.release();
        assertThat(frame.refCnt()).isEqualTo(1);
        ByteBuffer p0 = decoded.request(ProduceRequest.class).partitions().get(0).records().toByteBuffer();
        assertThat(StandardCharsets.UTF_8.decode(p0).toString()).isEqualTo("batch-bytes-for-p0");
        decoded.close();
        decoded.close();
        assertThat(frame.refCnt()).isZero();
    }

    @Test
    void requestsWithoutRecordsDoNotRetainTheFrame() {
        FetchRequest request = (FetchRequest) MessageSamples.requests().get(ApiKey.FETCH);
        ByteBuf frame = toWireFrame(codec.encodeRequest(RequestHeader.latest(ApiKey.FETCH, 1, "c"), request, allocator));
        codec.decodeRequest(frame).close();
        assertThat(frame.refCnt()).isEqualTo(1);
        frame.release();
    }

    @Test
    void fetchResponseSendsFileSlicesAndDecodesThemAsBuffers(@TempDir Path dir) throws IOException {
        Path segment = dir.resolve("00000000000000000000.log");
        Files.writeString(segment, "0123456789abcdef");
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            FetchResponse response = new FetchResponse(ErrorCode.NONE, List.of(
                    new FetchResponse.PartitionData(MessageSamples.TP0, ErrorCode.NONE, 9L, 0L, 2,
                            RecordSource.ofFile(channel, 4, 6)),
                    new FetchResponse.PartitionData(MessageSamples.TP1, ErrorCode.NONE, 9L, 0L, 2,
                            RecordSource.concat(List.of(RecordSource.ofFile(channel, 0, 2), MessageSamples.bytes("XY"))))));
            EncodedFrame encoded = codec.encodeResponse(3, ApiKey.FETCH, (short) 0, response, allocator);
            assertThat(encoded.records()).hasSize(2);
            assertThat(encoded.totalBytes()).isEqualTo(encoded.head().readableBytes() + 6 + 4);

            ByteBuf frame = toWireFrame(encoded);
            FetchResponse decoded = (FetchResponse) codec.decodeResponse(frame, ApiKey.FETCH, (short) 0);
            frame.release();
            assertThat(text(decoded.partitions().get(0).records())).isEqualTo("456789");
            assertThat(text(decoded.partitions().get(1).records())).isEqualTo("01XY");
            assertThat(decoded.partitions().get(0).records()).isInstanceOf(RecordSource.Memory.class);
        }
    }

    @Test
    void registryIdsAreFixed() {
        Map<Class<?>, Integer> ids = KryoRegistry.registrations();
        assertThat(ids).containsEntry(ProduceRequest.class, 1000).containsEntry(FetchResponse.class, 1003)
                .containsEntry(ErrorResponse.class, 999).hasSize(2 * ApiKey.values().length + 1);
        assertThat(ids.values()).doesNotHaveDuplicates();
    }

    private static String text(RecordSource source) {
        return StandardCharsets.UTF_8.decode(source.toByteBuffer()).toString();
    }

    /** What a peer's frame decoder hands on: the frame after its length prefix, records included. */
    static ByteBuf toWireFrame(EncodedFrame encoded) {
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(encoded.head());
        encoded.release();
        for (RecordSource source : encoded.records()) {
            all.writeBytes(source.toByteBuffer());
        }
        int length = all.readInt();
        assertThat(length).isEqualTo(all.readableBytes());
        return all;
    }
}
