package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.UnsupportedApiException;
import io.ferrymq.common.protocol.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;

/**
 * The server's side of one wire protocol on a listener: request frames in, response frames out,
 * protocol-neutral requests and responses in between. Ferry's Kryo protocol ({@link #ferry}) and
 * Kafka's ({@code io.ferrymq.broker.kafka.KafkaCodec}) each have one. Implementations are thread-safe.
 */
public interface ServerCodec {

    /** What a frame turned into: a request for the handlers, or an answer the codec gives itself. */
    sealed interface Decoded permits Serve, Answer {
    }

    /** Serve {@code request} and answer with {@link #encodeResponse}. */
    record Serve(DecodedRequest request) implements Decoded {
        public Serve {
            Objects.requireNonNull(request, "request");
        }
    }

    /** Send {@code frame} without serving anything (an unsupported version, a refused request). */
    record Answer(EncodedFrame frame) implements Decoded {
        public Answer {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * Decodes a request frame (the bytes after the length prefix; the caller keeps and releases it).
     *
     * @throws io.ferrymq.common.protocol.InvalidFrameException when the frame cannot be answered in
     *     sync: the connection is closed
     */
    Decoded decode(ByteBuf frame, ByteBufAllocator allocator);

    /**
     * Encodes the handler's response to {@code request}, which may be an {@link ErrorResponse} (the
     * whole request failed). Called before {@code request} is closed.
     */
    EncodedFrame encodeResponse(DecodedRequest request, ApiResponse response, ByteBufAllocator allocator);

    /** Ferry's own protocol, as {@code codec} frames it. */
    static ServerCodec ferry(WireCodec codec) {
        Objects.requireNonNull(codec, "codec");
        return new ServerCodec() {
            @Override
            public Decoded decode(ByteBuf frame, ByteBufAllocator allocator) {
                try {
                    return new Serve(codec.decodeRequest(frame));
                } catch (UnsupportedApiException e) {
                    return new Answer(codec.encodeErrorResponse(e.correlationId(),
                            new ErrorResponse(e.error(), e.getMessage()), allocator));
                }
            }

            @Override
            public EncodedFrame encodeResponse(DecodedRequest request, ApiResponse response, ByteBufAllocator allocator) {
                return codec.encodeResponse(request.header().correlationId(), request.header().apiKey(),
                        request.header().apiVersion(), response, allocator);
            }
        };
    }
}
