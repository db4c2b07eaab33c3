package io.ferrymq.common.protocol.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.protocol.AllocationMeter;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.MessageSamples;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.UnsupportedApiException;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames a hostile or broken peer could send: each fails with a specific exception and nothing leaks. */
class KryoCodecMalformedInputTest {

    private final KryoCodec codec = new KryoCodec();
    private final UnpooledByteBufAllocator allocator = UnpooledByteBufAllocator.DEFAULT;

    @Test
    void emptyFrameIsInvalid() {
        assertThatThrownBy(() -> codec.decodeRequest(Unpooled.EMPTY_BUFFER))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("shorter than a header");
        assertThatThrownBy(() -> codec.decodeResponseHeader(Unpooled.EMPTY_BUFFER))
                .isInstanceOf(InvalidFrameException.class);
    }

    @Test
    void unknownApiKeyIsAnsweredNotFatal() {
        ByteBuf frame = header((short) 999, (short) 0, 42);
        frame.writeInt(0);
        assertThatThrownBy(() -> codec.decodeRequest(frame))
                .isInstanceOfSatisfying(UnsupportedApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.UNKNOWN_API_KEY);
                    assertThat(e.correlationId()).isEqualTo(42);
                })
                .hasMessageContaining("999");
    }

    @Test
    void unsupportedVersionIsAnsweredNotFatal() {
        ByteBuf frame = header(ApiKey.METADATA.id(), (short) 7, 43);
        frame.writeInt(0);
        assertThatThrownBy(() -> codec.decodeRequest(frame))
                .isInstanceOfSatisfying(UnsupportedApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    }

    @Test
    void garbageBodyIsInvalid() {
        Random random = new Random(7);
        int attempts = 0;
        int rejected = 0;
        for (ApiKey key : ApiKey.values()) {
            for (int attempt = 0; attempt < 50; attempt++, attempts++) {
                byte[] garbage = new byte[8 + random.nextInt(64)];
                random.nextBytes(garbage);
                ByteBuf frame = header(key.id(), (short) 0, attempt);
                frame.writeInt(garbage.length).writeBytes(garbage);
                rejected += isRejectedAsInvalid(frame) ? 1 : 0;
            }
        }
        // Any other exception type escapes and fails the test; a rare random body may spell a valid message.
        assertThat(rejected).isGreaterThan(attempts * 9 / 10);
    }

    @Test
    void hugeDeclaredCollectionIsRefusedBeforeAllocation() {
        ByteBuf frame = header(ApiKey.DELETE_GROUPS.id(), (short) 0, 1);
        frame.writeInt(5).writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
        assertThatThrownBy(() -> codec.decodeRequest(frame))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("list declares");
    }

    @Test
    void hugeDeclaredStringIsRefusedBeforeAllocation() {
        ByteBuf frame = header(ApiKey.HEARTBEAT.id(), (short) 0, 1);
        frame.writeInt(5).writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
        assertThatThrownBy(() -> codec.decodeRequest(frame))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("string declares");
    }

    @Test
    void bodyLengthBeyondFrameIsInvalid() {
        ByteBuf frame = header(ApiKey.METADATA.id(), (short) 0, 1);
        frame.writeInt(1000).writeByte(1);
        assertThatThrownBy(() -> codec.decodeRequest(frame))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("body length 1000");
    }

    @Test
    void truncatedFrameIsInvalid() {
        ByteBuf full = wireFrame(MetadataRequest.forTopics(List.of("orders", "payments"), false));
        for (int cut = 0; cut < full.readableBytes(); cut++) {
            ByteBuf truncated = full.slice(full.readerIndex(), cut);
            assertThatThrownBy(() -> codec.decodeRequest(truncated)).isInstanceOf(InvalidFrameException.class);
        }
    }

    @Test
    void sessionFetchCutAnywhereIsInvalidAndAHugeForgottenListIsRefused() {
        FetchRequest sample = (FetchRequest) MessageSamples.requests().get(ApiKey.FETCH);
        assertThat(sample.forgotten()).as("the sample carries session fields").isNotEmpty();
        ByteBuf full = wireFrame(sample);
        for (int cut = 0; cut < full.readableBytes(); cut++) {
            ByteBuf truncated = full.slice(full.readerIndex(), cut);
            assertThatThrownBy(() -> codec.decodeRequest(truncated)).isInstanceOf(InvalidFrameException.class);
        }
        FetchRequest noPartitions = new FetchRequest(1, 0, 1, 100, List.of(), 7, 3, List.of());
        ByteBuf frame = wireFrame(noPartitions);
        // The body ends with the forgotten list's size (one varint byte): declare 2^31 - 1 elements instead.
        int sizeIndex = frame.writerIndex() - 1;
        frame.writerIndex(sizeIndex).writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
        int bodyLengthIndex = frame.readerIndex() + 2 + 2 + 4 + 2 + 1;
        frame.setInt(bodyLengthIndex, frame.getInt(bodyLengthIndex) + 4);
        assertThatThrownBy(() -> codec.decodeRequest(frame))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("list declares");
    }

    @Test
    void trailingBytesAfterBodyAreInvalid() {
        ByteBuf frame = wireFrame(MetadataRequest.forAllTopics());
        int bodyLengthIndex = frame.readerIndex() + 2 + 2 + 4 + 2 + 1;
        frame.setInt(bodyLengthIndex, frame.getInt(bodyLengthIndex) + 1);
        frame.writeByte(0);
        assertThatThrownBy(() -> codec.decodeRequest(frame))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("after the message");
    }

    @Test
    void recordBytesThatDoNotAddUpAreInvalid() {
        ProduceRequest produce = (ProduceRequest) MessageSamples.requests().get(ApiKey.PRODUCE);
        ByteBuf extra = wireFrame(produce).writeByte(1);
        assertThatThrownBy(() -> codec.decodeRequest(extra))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("no partition claims");
        ByteBuf missing = wireFrame(produce);
        ByteBuf cut = missing.slice(missing.readerIndex(), missing.readableBytes() - 1);
        assertThatThrownBy(() -> codec.decodeRequest(cut))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("record bytes");
        assertThat(extra.refCnt()).isEqualTo(1);
    }

    @Test
    void responseOfAnotherApiIsInvalid() {
        MetadataResponse metadata = (MetadataResponse) MessageSamples.responses().get(ApiKey.METADATA);
        ByteBuf frame = KryoCodecTest.toWireFrame(codec.encodeResponse(1, ApiKey.METADATA, (short) 0, metadata, allocator));
        assertThatThrownBy(() -> codec.decodeResponse(frame, ApiKey.FETCH, (short) 0))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("Expected a FETCH response");
    }

    @Test
    void unregisteredClassIdInResponseIsInvalid() {
        ByteBuf frame = Unpooled.buffer().writeInt(1);
        frame.writeInt(2).writeByte(0x05).writeByte(0);
        assertThatThrownBy(() -> codec.decodeResponse(frame, ApiKey.FETCH, (short) 0))
                .isInstanceOf(InvalidFrameException.class);
    }

    @Test
    void responseNamingItsClassByNameNeverReadsAClassNameOfTheDeclaredLength() {
        // Kryo's class id 1 means "class by name": a name id, then the name as a Kryo string.
        assertResponseBodyFailsWithoutHugeAllocation(new byte[] {1, 0});
    }

    @Test
    void responseOfKryosBuiltInStringClassNeverReadsAStringOfTheDeclaredLength() {
        // Kryo registers String under id 1, written as 1 + 2.
        assertResponseBodyFailsWithoutHugeAllocation(new byte[] {3});
    }

    /** The prefix, then a Kryo string header declaring 2^30 chars, which Kryo allocates before reading them. */
    private void assertResponseBodyFailsWithoutHugeAllocation(byte[] prefix) {
        byte[] hugeKryoString = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        ByteBuf frame = Unpooled.buffer().writeInt(1);
        frame.writeInt(prefix.length + hugeKryoString.length).writeBytes(prefix).writeBytes(hugeKryoString);

        AllocationMeter.Run<?> run = AllocationMeter.run(() -> codec.decodeResponse(frame, ApiKey.METADATA, (short) 0));

        assertThat(run.thrown()).get().isInstanceOf(InvalidFrameException.class);
        assertThat(run.allocatedBytes()).isLessThan(1 << 20);
    }

    private boolean isRejectedAsInvalid(ByteBuf frame) {
        try {
            codec.decodeRequest(frame).close();
            return false;
        } catch (InvalidFrameException expected) {
            return true;
        }
    }

    private ByteBuf wireFrame(io.ferrymq.common.protocol.ApiRequest request) {
        return KryoCodecTest.toWireFrame(codec.encodeRequest(
                RequestHeader.latest(request.apiKey(), 1, "c"), request, allocator));
    }

    private static ByteBuf header(short apiKey, short version, int correlationId) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeShort(apiKey).writeShort(version).writeInt(correlationId).writeShort(1).writeByte('c');
        return frame;
    }
}
