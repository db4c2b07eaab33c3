package io.ferrymq.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.protocol.AllocationMeter;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.FuzzTries;
import io.ferrymq.common.protocol.MessageSamples;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@link FrameDecoder} with byte streams cut into reads at random boundaries (down to one byte
 * a read): frames within the limit come out intact and in order; a length prefix over the limit or
 * negative closes the connection with nothing after it emitted and without allocating anything near
 * the declared size (measured with {@link AllocationMeter}); a cut frame is held until its rest arrives.
 *
 * <p>The normal suite runs a bounded number of tries. A long run, any number of tries per property:
 * <pre>
 * mvn -B -q -pl client -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dferry.fuzz.tries=200000
 * </pre>
 */
@AddLifecycleHook(FuzzTries.class)
class FrameDecoderFuzzTest {

    private static final int MAX_FRAME = 64;
    /** Netty's per-read and cumulation buffers; far below any declared length the properties send. */
    private static final long BASE_ALLOWANCE = 1 << 20;
    private static final long ALLOWANCE_PER_STREAM_BYTE = 16;

    private static final KryoCodec CODEC = new KryoCodec();

    @BeforeContainer
    static void warmUp() {
        feed(new EmbeddedChannel(new FrameDecoder(MAX_FRAME)), stream(List.of(new byte[3]), -1, new byte[1]), List.of(2));
    }

    @Property(tries = 400)
    void framesWithinTheLimitComeOutIntactWhereverTheReadsSplitThem(@ForAll("payloads") List<byte[]> payloads,
            @ForAll("readSizes") List<Integer> readSizes) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME));

        List<byte[]> frames = feed(channel, stream(payloads, null, new byte[0]), readSizes);

        assertThat(frames).containsExactlyElementsOf(payloads);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Property(tries = 400)
    void invalidLengthPrefixClosesTheConnectionBeforeAllocatingItsSize(@ForAll("payloads") List<byte[]> before,
            @ForAll("invalidLengths") int length, @ForAll @Size(max = 80) byte[] after,
            @ForAll("readSizes") List<Integer> readSizes) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME));
        byte[] stream = stream(before, length, after);

        AllocationMeter.Run<List<byte[]>> run = AllocationMeter.run(() -> feed(channel, stream, readSizes));

        assertThat(run.thrown()).isEmpty();
        assertThat(run.result()).get().asList().containsExactlyElementsOf(before);
        assertThat(channel.isOpen()).isFalse();
        assertThat(run.allocatedBytes()).as("bytes allocated reading a frame that declares %d bytes", length)
                .isLessThanOrEqualTo(BASE_ALLOWANCE + ALLOWANCE_PER_STREAM_BYTE * stream.length);
        channel.finishAndReleaseAll();
    }

    @Property(tries = 300)
    void cutFrameIsHeldBackUntilItsRestArrives(@ForAll("payloads") List<byte[]> payloads, @ForAll int cutSeed,
            @ForAll("readSizes") List<Integer> readSizes) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME));
        byte[] stream = stream(payloads, null, new byte[0]);
        int cut = Math.floorMod(cutSeed, stream.length + 1);

        List<byte[]> first = feed(channel, Arrays.copyOf(stream, cut), readSizes);
        assertThat(first).containsExactlyElementsOf(payloads.subList(0, completeFramesIn(payloads, cut)));
        assertThat(channel.isOpen()).isTrue();

        List<byte[]> rest = feed(channel, Arrays.copyOfRange(stream, cut, stream.length), readSizes);
        assertThat(rest).containsExactlyElementsOf(payloads.subList(first.size(), payloads.size()));
        channel.finishAndReleaseAll();
    }

    @Property(tries = 150)
    void encodedRequestsSplitAtRandomBoundariesDecodeToTheSameRequests(
            @ForAll @Size(min = 1, max = 12) List<ApiKey> keys, @ForAll("readSizes") List<Integer> readSizes) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 16));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        keys.forEach(key -> wire.writeBytes(wireBytes(MessageSamples.requests().get(key))));

        List<byte[]> frames = feed(channel, wire.toByteArray(), readSizes);

        assertThat(frames).hasSameSizeAs(keys);
        for (int i = 0; i < keys.size(); i++) {
            try (DecodedRequest decoded = CODEC.decodeRequest(Unpooled.wrappedBuffer(frames.get(i)))) {
                assertThat(decoded.request()).isEqualTo(MessageSamples.requests().get(keys.get(i)));
            }
        }
        channel.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<List<byte[]>> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_FRAME).list().ofMaxSize(24);
    }

    @Provide
    Arbitrary<Integer> invalidLengths() {
        return Arbitraries.oneOf(Arbitraries.integers().between(MAX_FRAME + 1, Integer.MAX_VALUE),
                Arbitraries.integers().between(Integer.MIN_VALUE, -1));
    }

    /** Sizes of successive reads, repeated until the stream ends; {@code [1]} feeds one byte a read. */
    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return Arbitraries.integers().between(1, 100).list().ofMinSize(1).ofMaxSize(8);
    }

    /** Each payload with its length prefix, then optionally a bare length prefix and trailing bytes. */
    private static byte[] stream(List<byte[]> payloads, Integer badLength, byte[] after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
            out.writeBytes(payload);
        }
        if (badLength != null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(badLength).array());
        }
        out.writeBytes(after);
        return out.toByteArray();
    }

    /** Writes the stream in reads of the given sizes, as a socket would, until it ends or the channel closes. */
    private static List<byte[]> feed(EmbeddedChannel channel, byte[] stream, List<Integer> readSizes) {
        List<byte[]> frames = new ArrayList<>();
        int position = 0;
        for (int read = 0; position < stream.length && channel.isOpen(); read++) {
            int size = Math.min(readSizes.get(read % readSizes.size()), stream.length - position);
            channel.writeInbound(Unpooled.wrappedBuffer(stream, position, size));
            position += size;
            for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
                frames.add(ByteBufUtil.getBytes(frame));
                frame.release();
            }
        }
        return frames;
    }

    private static int completeFramesIn(List<byte[]> payloads, int streamBytes) {
        int complete = 0;
        long end = 0;
        for (byte[] payload : payloads) {
            end += 4 + payload.length;
            if (end > streamBytes) {
                break;
            }
            complete++;
        }
        return complete;
    }

    private static byte[] wireBytes(ApiRequest request) {
        EncodedFrame encoded = CODEC.encodeRequest(RequestHeader.latest(request.apiKey(), 7, "fuzz"), request,
                UnpooledByteBufAllocator.DEFAULT);
        ByteBuf wire = Unpooled.buffer().writeBytes(encoded.head());
        encoded.release();
        encoded.records().forEach(source -> wire.writeBytes(source.toByteBuffer()));
        return ByteBufUtil.getBytes(wire);
    }
}
