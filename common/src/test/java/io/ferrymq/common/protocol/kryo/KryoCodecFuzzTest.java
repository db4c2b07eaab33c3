package io.ferrymq.common.protocol.kryo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.protocol.AllocationMeter;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.FuzzTries;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.MessageSamples;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.UnsupportedApiException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes {@link KryoCodec}'s decoders with random frames and with valid frames of every API key
 * mutated ({@link FrameMutation}). Every input must decode, or fail as {@link io.ferrymq.common.protocol.WireCodec}
 * documents: {@link InvalidFrameException} or (requests only) {@link UnsupportedApiException}; any other
 * throwable fails the property. Each decode must allocate at most {@link #BASE_ALLOWANCE} plus
 * {@link #ALLOWANCE_PER_FRAME_BYTE} per frame byte, which a length taken from the wire before it is
 * checked would exceed by orders of magnitude. Whatever decodes must re-encode to the same message.
 * The mutation properties also check that at least 1% of their inputs still decode, so the mutations
 * reach past the first check.
 *
 * <p>The normal suite runs a bounded number of tries. A long run, any number of tries per property:
 * <pre>
 * mvn -B -q -pl client -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dferry.fuzz.tries=200000
 * </pre>
 * jqwik prints the seed of a failure; an input it finds becomes a fixed case in
 * {@link KryoCodecMalformedInputTest}.
 */
@AddLifecycleHook(FuzzTries.class)
class KryoCodecFuzzTest {

    /** Decoding a small frame allocates no more than this plus the per-byte allowance (exception stack traces included). */
    private static final long BASE_ALLOWANCE = 1 << 20;
    /** Decoded objects are larger than their wire bytes: a 2-byte partition entry becomes a record, a string, a list slot. */
    private static final long ALLOWANCE_PER_FRAME_BYTE = 64;

    private static final KryoCodec CODEC = new KryoCodec();
    private static final UnpooledByteBufAllocator ALLOCATOR = UnpooledByteBufAllocator.DEFAULT;
    private static final Set<Class<?>> REQUEST_ERRORS = Set.of(InvalidFrameException.class, UnsupportedApiException.class);
    private static final Set<Class<?>> RESPONSE_ERRORS = Set.of(InvalidFrameException.class);

    private static final Map<ApiKey, byte[]> REQUESTS = new EnumMap<>(ApiKey.class);
    private static final Map<ApiKey, byte[]> RESPONSES = new EnumMap<>(ApiKey.class);

    @BeforeContainer
    static void encodeSamplesAndWarmUp() {
        MessageSamples.requests().forEach((key, request) -> REQUESTS.put(key, bytes(CODEC.encodeRequest(
                new RequestHeader(key, key.latestVersion(), 17, "fuzz"), request, ALLOCATOR))));
        MessageSamples.responses().forEach((key, response) -> RESPONSES.put(key, bytes(CODEC.encodeResponse(
                17, key, key.latestVersion(), response, ALLOCATOR))));
        // Loads the classes a decode and its failures touch, so their allocation is not charged to a try.
        for (ApiKey key : ApiKey.values()) {
            decodeRequest(REQUESTS.get(key));
            decodeResponse(key, RESPONSES.get(key));
            decodeRequest(new byte[] {0, 0, 0});
            decodeResponse(key, new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0});
        }
    }

    @Property(tries = 400)
    void randomBytesDecodeAsARequestOrFailAsDocumented(@ForAll @Size(max = 256) byte[] frame) {
        Statistics.collect(decodeRequest(frame));
    }

    @Property(tries = 600)
    void randomBodyUnderAnyHeaderDecodesOrFailsAsDocumented(@ForAll("apiKeyIds") short apiKey,
            @ForAll("versions") short version, @ForAll @Size(max = 128) byte[] body, @ForAll @Size(max = 16) byte[] records) {
        ByteBuf frame = Unpooled.buffer().writeShort(apiKey).writeShort(version).writeInt(5).writeShort(1).writeByte('c');
        frame.writeInt(body.length).writeBytes(body).writeBytes(records);
        Statistics.collect(decodeRequest(ByteBufUtil.getBytes(frame)));
    }

    @Property(tries = 1000)
    void mutatedRequestOfEveryApiDecodesOrFailsAsDocumented(@ForAll ApiKey key,
            @ForAll("mutations") List<FrameMutation> mutations) {
        Statistics.collect(decodeRequest(mutate(REQUESTS.get(key), mutations)));
        Statistics.coverage(coverage -> coverage.check("decoded").percentage(percent -> percent >= 1));
    }

    @Property(tries = 400)
    void randomBytesDecodeAsAResponseOrFailAsDocumented(@ForAll ApiKey key, @ForAll @Size(max = 256) byte[] frame) {
        Statistics.collect(decodeResponse(key, frame));
    }

    @Property(tries = 1000)
    void mutatedResponseOfEveryApiDecodesOrFailsAsDocumented(@ForAll ApiKey key,
            @ForAll("mutations") List<FrameMutation> mutations) {
        Statistics.collect(decodeResponse(key, mutate(RESPONSES.get(key), mutations)));
        Statistics.coverage(coverage -> coverage.check("decoded").percentage(percent -> percent >= 1));
    }

    /** Kryo's own ids (0 null, 1 class by name, 2..11 its built-in types) and every message id, then hostile bytes. */
    @Property(tries = 500)
    void anyClassIdInAResponseBodyDecodesOrFailsAsDocumented(@ForAll ApiKey key,
            @ForAll @IntRange(max = 2 * KryoRegistry.ERROR_RESPONSE_ID + 200) int classIdOnWire,
            @ForAll @Size(max = 2) byte[] lead, @ForAll("hostileLengths") int length, @ForAll @Size(max = 8) byte[] tail) {
        ByteBuf body = Unpooled.buffer().writeBytes(FrameMutation.varint(classIdOnWire)).writeBytes(lead)
                .writeBytes(FrameMutation.varint(length));
        ByteBuf frame = Unpooled.buffer().writeInt(9).writeInt(body.readableBytes()).writeBytes(body).writeBytes(tail);
        Statistics.collect(decodeResponse(key, ByteBufUtil.getBytes(frame)));
    }

    @Example
    void hostileLengthAtEveryPositionOfEverySampleFailsWithinTheAllocationBound() {
        for (ApiKey key : ApiKey.values()) {
            hostileLengthsAtEveryPosition(REQUESTS.get(key)).forEach(KryoCodecFuzzTest::decodeRequest);
            hostileLengthsAtEveryPosition(RESPONSES.get(key)).forEach(frame -> decodeResponse(key, frame));
        }
    }

    /** The frame with {@code 2^31 - 1} and {@code -1}, as a varint and as an int32, written at each position in turn. */
    private static List<byte[]> hostileLengthsAtEveryPosition(byte[] frame) {
        List<byte[]> frames = new ArrayList<>();
        for (int position = 0; position < frame.length; position++) {
            for (int length : new int[] {Integer.MAX_VALUE, -1}) {
                frames.add(new FrameMutation.WriteVarint(position, length).apply(frame));
                frames.add(new FrameMutation.WriteInt(position, length).apply(frame));
            }
        }
        return frames;
    }

    @Provide
    Arbitrary<Short> apiKeyIds() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ApiKey.values()).map(ApiKey::id)),
                Tuple.of(1, Arbitraries.shorts()));
    }

    @Provide
    Arbitrary<Short> versions() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just((short) 0)), Tuple.of(1, Arbitraries.shorts()));
    }

    @Provide
    Arbitrary<Integer> hostileLengths() {
        return Arbitraries.of(Arrays.stream(FrameMutation.HOSTILE_LENGTHS).boxed().toList());
    }

    @Provide
    Arbitrary<List<FrameMutation>> mutations() {
        return FrameMutation.any().list().ofMinSize(1).ofMaxSize(4);
    }

    private static byte[] mutate(byte[] frame, List<FrameMutation> mutations) {
        byte[] mutated = frame;
        for (FrameMutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        return mutated;
    }

    /**
     * Decodes a request frame within the bounds; one that decodes must re-encode to the same request.
     * Returns the outcome: "decoded" or the simple name of the documented exception.
     */
    static String decodeRequest(byte[] frame) {
        ByteBuf buffer = Unpooled.wrappedBuffer(frame);
        AllocationMeter.Run<DecodedRequest> run = decodeWithinBounds(buffer, CODEC::decodeRequest, REQUEST_ERRORS);
        run.result().ifPresent(request -> {
            try (request) {
                ByteBuf again = KryoCodecTest.toWireFrame(CODEC.encodeRequest(request.header(), request.request(), ALLOCATOR));
                try (DecodedRequest twice = CODEC.decodeRequest(again)) {
                    assertThat(twice.header()).isEqualTo(request.header());
                    assertThat(twice.request()).isEqualTo(request.request());
                }
            }
        });
        assertThat(buffer.refCnt()).as("frame references left once the request is closed").isEqualTo(1);
        return outcome(run);
    }

    /** Decodes a response frame within the bounds; one that decodes must re-encode to the same response. */
    static String decodeResponse(ApiKey key, byte[] frame) {
        ByteBuf buffer = Unpooled.wrappedBuffer(frame);
        AllocationMeter.Run<ApiResponse> run = decodeWithinBounds(buffer, f -> CODEC.decodeResponse(f, key, (short) 0),
                RESPONSE_ERRORS);
        run.result().ifPresent(response -> {
            ByteBuf again = KryoCodecTest.toWireFrame(CODEC.encodeResponse(3, key, (short) 0, response, ALLOCATOR));
            assertThat(CODEC.decodeResponse(again, key, (short) 0)).isEqualTo(response);
        });
        assertThat(buffer.refCnt()).as("frame references left after decoding a response").isEqualTo(1);
        return outcome(run);
    }

    private static String outcome(AllocationMeter.Run<?> run) {
        return run.thrown().map(thrown -> thrown.getClass().getSimpleName()).orElse("decoded");
    }

    private static <T> AllocationMeter.Run<T> decodeWithinBounds(ByteBuf frame, Function<ByteBuf, T> decode,
            Set<Class<?>> documented) {
        long allowance = BASE_ALLOWANCE + ALLOWANCE_PER_FRAME_BYTE * frame.readableBytes();
        AllocationMeter.Run<T> run = AllocationMeter.run(() -> decode.apply(frame));
        run.thrown().ifPresent(thrown -> {
            if (!documented.contains(thrown.getClass())) {
                throw new AssertionError("undocumented " + thrown + " decoding " + ByteBufUtil.hexDump(frame), thrown);
            }
        });
        assertThat(run.allocatedBytes()).as("bytes allocated decoding %s", ByteBufUtil.hexDump(frame))
                .isLessThanOrEqualTo(allowance);
        return run;
    }

    private static byte[] bytes(io.ferrymq.common.protocol.EncodedFrame encoded) {
        return ByteBufUtil.getBytes(KryoCodecTest.toWireFrame(encoded));
    }
}
