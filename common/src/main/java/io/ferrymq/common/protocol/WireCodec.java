package io.ferrymq.common.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Turns protocol-neutral requests and responses into frames and back. One implementation per wire
 * protocol (Ferry's Kryo protocol today, Kafka's could sit beside it); handlers never see the bytes.
 *
 * <p>A frame passed to a decode method is the bytes after the int32 length prefix (what
 * {@code io.ferrymq.client.network.FrameDecoder} emits); the caller keeps ownership of it and
 * releases it. Encoded frames start with the length prefix. Implementations are thread-safe.
 */
public interface WireCodec {

    EncodedFrame encodeRequest(RequestHeader header, ApiRequest request, ByteBufAllocator allocator);

    /**
     * Decodes a request frame.
     *
     * @throws UnsupportedApiException for an unknown API key or unsupported version (answer it)
     * @throws InvalidFrameException for anything unparseable (close the connection)
     */
    DecodedRequest decodeRequest(ByteBuf frame);

    EncodedFrame encodeResponse(int correlationId, ApiKey apiKey, short apiVersion, ApiResponse response,
            ByteBufAllocator allocator);

    /** Encodes the answer to a request whose API key or version this build cannot serve. */
    EncodedFrame encodeErrorResponse(int correlationId, ErrorResponse response, ByteBufAllocator allocator);

    /** Reads only the response header, so a client can find the request a frame answers. */
    ResponseHeader decodeResponseHeader(ByteBuf frame);

    /**
     * Decodes a response frame to the request's API, or to an
     * {@link io.ferrymq.common.protocol.ErrorResponse}. Record bytes are copied out of the
     * frame, so the result outlives it.
     *
     * @throws InvalidFrameException for anything unparseable
     */
    ApiResponse decodeResponse(ByteBuf frame, ApiKey apiKey, short apiVersion);
}
