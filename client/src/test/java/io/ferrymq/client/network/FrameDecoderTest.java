package io.ferrymq.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.MessageSamples;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final int MAX_FRAME = 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME));
    private final KryoCodec codec = new KryoCodec();

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void oversizedLengthPrefixClosesTheConnectionAtOnce() {
        channel.writeInbound(Unpooled.buffer().writeInt(Integer.MAX_VALUE));
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void lengthPrefixOneOverTheLimitClosesButTheLimitItselfPasses() {
        ByteBuf atLimit = Unpooled.buffer().writeInt(MAX_FRAME).writeZero(MAX_FRAME);
        channel.writeInbound(atLimit);
        ByteBuf frame = channel.readInbound();
        assertThat(frame.readableBytes()).isEqualTo(MAX_FRAME);
        frame.release();

        channel.writeInbound(Unpooled.buffer().writeInt(MAX_FRAME + 1));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void negativeLengthPrefixClosesTheConnection() {
        channel.writeInbound(Unpooled.buffer().writeInt(-1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void zeroLengthFrameIsEmittedAndRejectedByTheCodec() {
        channel.writeInbound(Unpooled.buffer().writeInt(0));
        ByteBuf frame = channel.readInbound();
        assertThat(frame.readableBytes()).isZero();
        assertThatThrownBy(() -> codec.decodeRequest(frame)).isInstanceOf(InvalidFrameException.class);
        frame.release();
    }

    @Test
    void truncatedFrameWaitsForTheRestThenDecodes() {
        ByteBuf wire = wireBytes(MessageSamples.requests().get(ApiKey.PRODUCE));
        int total = wire.readableBytes();
        channel.writeInbound(wire.retainedSlice(0, total - 3));
        assertThat(channel.inboundMessages()).isEmpty();
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(wire.retainedSlice(total - 3, 3));
        wire.release();
        ByteBuf frame = channel.readInbound();
        try (DecodedRequest decoded = codec.decodeRequest(frame)) {
            assertThat(decoded.request()).isEqualTo(MessageSamples.requests().get(ApiKey.PRODUCE));
        } finally {
            frame.release();
        }
    }

    @Test
    void severalFramesInOneReadComeOutSeparately() {
        ByteBuf both = Unpooled.buffer();
        both.writeBytes(wireBytes(MessageSamples.requests().get(ApiKey.HEARTBEAT)));
        both.writeBytes(wireBytes(MessageSamples.requests().get(ApiKey.PRODUCE)));
        channel.writeInbound(both);
        for (ApiKey key : new ApiKey[] {ApiKey.HEARTBEAT, ApiKey.PRODUCE}) {
            ByteBuf frame = channel.readInbound();
            try (DecodedRequest decoded = codec.decodeRequest(frame)) {
                assertThat(decoded.header().apiKey()).isEqualTo(key);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> new FrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private ByteBuf wireBytes(io.ferrymq.common.protocol.ApiRequest request) {
        EncodedFrame encoded = codec.encodeRequest(RequestHeader.latest(request.apiKey(), 9, "t"), request,
                channel.alloc());
        ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(encoded.head());
        encoded.release();
        encoded.records().forEach(source -> wire.writeBytes(source.toByteBuffer()));
        return wire;
    }
}
