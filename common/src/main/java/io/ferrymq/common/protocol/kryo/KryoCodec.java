package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.Output;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.ResponseHeader;
import io.ferrymq.common.protocol.UnsupportedApiException;
import io.ferrymq.common.protocol.WireCodec;
import io.ferrymq.common.protocol.ErrorResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Ferry's wire codec. After the int32 length prefix (which counts everything after itself):
 * <pre>
 * request:  apiKey int16 | apiVersion int16 | correlationId int32 | clientId int16 length (-1 = none) + UTF-8
 *           | bodyLength int32 | Kryo body | raw record bytes
 * response: correlationId int32 | bodyLength int32 | Kryo body | raw record bytes
 * </pre>
 * A request body is the request record of the header's API key (no class id); a response body is a
 * class id from {@link KryoRegistry} then the record, and must be the key's response or
 * {@link ErrorResponse}. Record bytes follow the body in the order its {@code RecordSource} fields
 * appear and must add up to exactly the bytes left in the frame. Every decode failure is an
 * {@link InvalidFrameException}; nothing is allocated from a declared length before that length is
 * checked against the bytes actually present. Decoded objects still outweigh their wire bytes: a list
 * of empty strings costs about 50 bytes of heap per frame byte while it is decoded, so the frame limit
 * bounds a decode's allocation up to that factor. Thread-safe (pooled Kryo instances).
 */
public final class KryoCodec implements WireCodec {

    private static final int REQUEST_FIXED_HEADER = 2 + 2 + 4 + 2;
    private static final int BODY_LENGTH_BYTES = 4;
    /** Kryo writes a registered class id as a varint of id + 2 (0 is null, 1 a class by name). */
    private static final int KRYO_CLASS_ID_OFFSET = 2;

    private final KryoRegistry registry = new KryoRegistry();

    @Override
    public EncodedFrame encodeRequest(RequestHeader header, ApiRequest request, ByteBufAllocator allocator) {
        if (request.apiKey() != header.apiKey()) {
            throw new IllegalArgumentException("Header says " + header.apiKey() + " but the body is " + request.apiKey());
        }
        byte[] clientId = header.clientId().getBytes(StandardCharsets.UTF_8);
        if (clientId.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("client id is " + clientId.length + " bytes, at most " + Short.MAX_VALUE);
        }
        return registry.withKryo(kryo -> {
            Output body = serialize(kryo, request, false);
            ByteBuf head = allocator.buffer(4 + REQUEST_FIXED_HEADER + clientId.length + BODY_LENGTH_BYTES + body.position());
            head.writeInt(frameLength(head.capacity() - 4, kryo.records().writtenBytes()));
            head.writeShort(header.apiKey().id()).writeShort(header.apiVersion()).writeInt(header.correlationId());
            head.writeShort(clientId.length).writeBytes(clientId);
            head.writeInt(body.position()).writeBytes(body.getBuffer(), 0, body.position());
            return new EncodedFrame(head, kryo.records().written());
        });
    }

    @Override
    public EncodedFrame encodeResponse(int correlationId, ApiKey apiKey, short apiVersion, ApiResponse response,
            ByteBufAllocator allocator) {
        if (!(response instanceof ErrorResponse) && response.getClass() != MessageTypes.response(apiKey)) {
            throw new IllegalArgumentException(response.getClass().getSimpleName() + " is not a response to " + apiKey);
        }
        return registry.withKryo(kryo -> {
            Output body = serialize(kryo, response, true);
            ByteBuf head = allocator.buffer(4 + 4 + BODY_LENGTH_BYTES + body.position());
            head.writeInt(frameLength(head.capacity() - 4, kryo.records().writtenBytes()));
            head.writeInt(correlationId);
            head.writeInt(body.position()).writeBytes(body.getBuffer(), 0, body.position());
            return new EncodedFrame(head, kryo.records().written());
        });
    }

    @Override
    public EncodedFrame encodeErrorResponse(int correlationId, ErrorResponse response, ByteBufAllocator allocator) {
        return encodeResponse(correlationId, ApiKey.API_VERSIONS, (short) 0, response, allocator);
    }

    @Override
    public DecodedRequest decodeRequest(ByteBuf frame) {
        int start = frame.readerIndex();
        int length = frame.readableBytes();
        require(length >= REQUEST_FIXED_HEADER, "request frame of " + length + " bytes is shorter than a header");
        short keyId = frame.getShort(start);
        short version = frame.getShort(start + 2);
        int correlationId = frame.getInt(start + 4);
        short clientIdLength = frame.getShort(start + 8);
        int clientIdStart = start + REQUEST_FIXED_HEADER;
        int clientIdBytes = clientIdLength == -1 ? 0 : clientIdLength;
        require(clientIdBytes >= 0 && clientIdBytes <= length - REQUEST_FIXED_HEADER,
                "client id length " + clientIdLength + " does not fit a frame of " + length + " bytes");
        String clientId = frame.toString(clientIdStart, clientIdBytes, StandardCharsets.UTF_8);
        ApiKey key = ApiKey.forId(keyId).orElseThrow(() -> new UnsupportedApiException(ErrorCode.UNKNOWN_API_KEY,
                correlationId, "Unknown API key " + keyId + " from client " + clientId));
        if (!key.isVersionSupported(version)) {
            throw new UnsupportedApiException(ErrorCode.UNSUPPORTED_VERSION, correlationId, key + " version " + version
                    + " is not supported (supported " + key.minVersion() + ".." + key.maxVersion() + ")");
        }
        RequestHeader header = new RequestHeader(key, version, correlationId, clientId);
        Body body = locateBody(frame, clientIdStart + clientIdBytes, key + " request");
        ApiRequest request = decode(kryo -> {
            ByteBufferInput input = beginRead(kryo, frame, body, body.recordsSection(frame));
            return (ApiRequest) finishRead(kryo, input, kryo.readObject(input, MessageTypes.request(key)));
        }, key + " request from client " + clientId);
        return new DecodedRequest(header, request, body.recordsLength() > 0 ? Optional.of(frame.retain()) : Optional.empty());
    }

    @Override
    public ResponseHeader decodeResponseHeader(ByteBuf frame) {
        require(frame.readableBytes() >= 4, "response frame of " + frame.readableBytes() + " bytes has no header");
        return new ResponseHeader(frame.getInt(frame.readerIndex()));
    }

    @Override
    public ApiResponse decodeResponse(ByteBuf frame, ApiKey apiKey, short apiVersion) {
        decodeResponseHeader(frame);
        Body body = locateBody(frame, frame.readerIndex() + 4, apiKey + " response");
        ByteBuffer records = ByteBuffer.allocate(body.recordsLength());
        frame.getBytes(body.recordsStart(), records);
        records.flip();
        return decode(kryo -> {
            ByteBufferInput input = beginRead(kryo, frame, body, records);
            Class<? extends ApiResponse> type = responseType(apiKey, input.readVarInt(true));
            return (ApiResponse) finishRead(kryo, input, kryo.readObject(input, type));
        }, apiKey + " response");
    }

    /**
     * The class a response body's id names, read here rather than by Kryo's class resolver: that one
     * also accepts a class name or Kryo's built-in types, and reads their strings by allocating the
     * declared length first.
     */
    private static Class<? extends ApiResponse> responseType(ApiKey apiKey, int idOnWire) {
        int id = idOnWire - KRYO_CLASS_ID_OFFSET;
        if (id == KryoRegistry.ERROR_RESPONSE_ID) {
            return ErrorResponse.class;
        }
        if (id == KryoRegistry.responseId(apiKey)) {
            return MessageTypes.response(apiKey);
        }
        throw new KryoException("Expected a " + apiKey + " response (class id " + KryoRegistry.responseId(apiKey)
                + " or " + KryoRegistry.ERROR_RESPONSE_ID + ") but the body has class id " + id);
    }

    private <T> T decode(Function<WireKryo, T> work, String what) {
        try {
            return registry.withKryo(work);
        } catch (RuntimeException e) {
            throw new InvalidFrameException("Malformed " + what + ": " + e.getMessage(), e);
        }
    }

    private static Output serialize(WireKryo kryo, Object message, boolean withClassId) {
        kryo.records().beginWrite();
        Output output = kryo.output();
        output.reset();
        if (withClassId) {
            kryo.writeClassAndObject(output, message);
        } else {
            kryo.writeObject(output, message);
        }
        return output;
    }

    private static int frameLength(long headBytesAfterPrefix, long recordBytes) {
        long total = headBytesAfterPrefix + recordBytes;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Frame of " + total + " bytes exceeds the int32 length prefix");
        }
        return (int) total;
    }

    private static Body locateBody(ByteBuf frame, int bodyLengthIndex, String what) {
        int end = frame.readerIndex() + frame.readableBytes();
        require(end - bodyLengthIndex >= BODY_LENGTH_BYTES, what + " frame ends before its body length");
        int bodyLength = frame.getInt(bodyLengthIndex);
        int bodyStart = bodyLengthIndex + BODY_LENGTH_BYTES;
        require(bodyLength >= 0 && bodyLength <= end - bodyStart,
                what + " body length " + bodyLength + " does not fit the " + (end - bodyStart) + " bytes left");
        return new Body(bodyStart, bodyLength, end - bodyStart - bodyLength);
    }

    private static ByteBufferInput beginRead(WireKryo kryo, ByteBuf frame, Body body, ByteBuffer records) {
        kryo.records().beginRead(records);
        ByteBufferInput input = kryo.input();
        input.setBuffer(frame.nioBuffer(body.start(), body.length()));
        return input;
    }

    private static Object finishRead(WireKryo kryo, ByteBufferInput input, Object message) {
        int trailing = input.limit() - input.position();
        require(trailing == 0, "body has " + trailing + " bytes after the message");
        int unclaimed = kryo.records().unclaimedBytes();
        require(unclaimed == 0, "frame has " + unclaimed + " record bytes no partition claims");
        return message;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidFrameException(message);
        }
    }

    /** Where the body lies in a frame; the record section follows it to the end. */
    private record Body(int start, int length, int recordsLength) {
        int recordsStart() {
            return start + length;
        }

        ByteBuffer recordsSection(ByteBuf frame) {
            return recordsLength == 0 ? ByteBuffer.allocate(0) : frame.nioBuffer(recordsStart(), recordsLength);
        }
    }
}
