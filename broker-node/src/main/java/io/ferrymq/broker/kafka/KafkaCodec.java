package io.ferrymq.broker.kafka;

import io.ferrymq.broker.server.ServerCodec;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.RequestHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractRequest;

/**
 * Kafka's wire protocol on a Kafka listener: request frames read with kafka-clients' generated
 * message classes and translated by {@link KafkaApis} into Ferry's protocol-neutral requests, and the
 * handlers' responses written back at the version asked for, with the response header that version
 * takes (v0 for ApiVersions, KIP-511).
 *
 * <p>As Kafka's broker does, an API key not served here or a version outside its advertised range
 * closes the connection ({@link InvalidFrameException}), except ApiVersions, which is answered at v0
 * with UNSUPPORTED_VERSION and the supported ranges so the client can retry at a version both speak.
 * A request {@link KafkaApi#toFerry} refuses (an {@link ApiException}) and a handler's
 * {@link ErrorResponse} are answered in the API's own format with that error wherever Kafka puts it
 * (kafka-clients' {@code getErrorResponse}).
 *
 * <p>Record bytes are never copied: Produce records stay views into the received frame (the decoded
 * request keeps it retained until closed), and records in responses ({@link FerryRecords}) become
 * their own parts of the {@link EncodedFrame}, so segment-file slices go out with {@code sendfile}.
 *
 * <p>Thread-safe.
 */
public final class KafkaCodec implements ServerCodec {

    private static final int FIXED_HEADER_BYTES = 8;

    private final KafkaApis apis;

    public KafkaCodec(KafkaApis apis) {
        this.apis = Objects.requireNonNull(apis, "apis");
    }

    /** What the response needs again: the translator, Kafka's request message and its version. */
    private record Pending(KafkaApi<ApiMessage, ApiMessage> api, ApiMessage message, short version, int correlationId) {
    }

    @Override
    public Decoded decode(ByteBuf frame, ByteBufAllocator allocator) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < FIXED_HEADER_BYTES) {
            throw new InvalidFrameException("Kafka request frame of " + frame.readableBytes()
                    + " bytes is shorter than a request header");
        }
        short keyId = frame.getShort(start);
        short version = frame.getShort(start + 2);
        int correlationId = frame.getInt(start + 4);
        KafkaApi<ApiMessage, ApiMessage> api = served(keyId);
        if (version < api.minVersion() || version > api.maxVersion()) {
            if (api.key() == ApiKeys.API_VERSIONS) {
                return new Answer(frame(correlationId, ApiKeys.API_VERSIONS, (short) 0,
                        ApiVersionsApi.advertised(apis, Errors.UNSUPPORTED_VERSION.code()), allocator));
            }
            throw new InvalidFrameException(api.key().name + " version " + version + " is not supported on this "
                    + "listener (versions " + api.minVersion() + " to " + api.maxVersion() + ")");
        }
        ByteBuffer buffer = frame.nioBuffer();
        String clientId;
        ApiMessage message;
        try {
            clientId = org.apache.kafka.common.requests.RequestHeader.parse(buffer).clientId();
            message = api.key().messageType.newRequest();
            message.read(new ByteBufferAccessor(buffer), version);
        } catch (RuntimeException e) {
            throw new InvalidFrameException("malformed " + api.key().name + " v" + version + " request: " + e.getMessage(), e);
        }
        if (buffer.hasRemaining()) {
            throw new InvalidFrameException(api.key().name + " v" + version + " request has " + buffer.remaining()
                    + " bytes after its body");
        }
        Pending pending = new Pending(api, message, version, correlationId);
        ApiRequest request;
        try {
            request = api.toFerry(message, version);
        } catch (ApiException e) {
            return new Answer(frame(correlationId, api.key(), version,
                    errorResponse(pending, e.error(), e.getMessage()), allocator));
        }
        RequestHeader header = new RequestHeader(request.apiKey(), (short) 0, correlationId,
                clientId == null ? "" : clientId);
        Optional<ByteBuf> records = api.key() == ApiKeys.PRODUCE ? Optional.of(frame.retain()) : Optional.empty();
        return new Serve(new DecodedRequest(header, request, records, pending));
    }

    @Override
    public EncodedFrame encodeResponse(DecodedRequest request, ApiResponse response, ByteBufAllocator allocator) {
        Pending pending = (Pending) request.codecState();
        ApiMessage body = response instanceof ErrorResponse error
                ? errorResponse(pending, error.error(), error.errorMessage())
                : pending.api().toKafka(pending.message(), response, pending.version());
        return frame(pending.correlationId(), pending.api().key(), pending.version(), body, allocator);
    }

    @SuppressWarnings("unchecked")
    private KafkaApi<ApiMessage, ApiMessage> served(short keyId) {
        Optional<KafkaApi<?, ?>> api = ApiKeys.hasId(keyId) ? apis.forKey(ApiKeys.forId(keyId)) : Optional.empty();
        return (KafkaApi<ApiMessage, ApiMessage>) api.orElseThrow(() -> new InvalidFrameException("Kafka API key "
                + keyId + (ApiKeys.hasId(keyId) ? " (" + ApiKeys.forId(keyId).name + ")" : "")
                + " is not served on this listener"));
    }

    /** The request answered as a whole with {@code error}, in the API's own response format. */
    private static ApiMessage errorResponse(Pending pending, ErrorCode error, String message) {
        ApiKeys key = pending.api().key();
        ByteBuffer serialized = MessageUtil.toByteBuffer(pending.message(), pending.version());
        AbstractRequest request = AbstractRequest.parseRequest(key, pending.version(), serialized).request;
        return request.getErrorResponse(0, Errors.forCode(error.code()).exception(message)).data();
    }

    /** The length prefix, the response header {@code key} and {@code version} take, and the body. */
    static EncodedFrame frame(int correlationId, ApiKeys key, short version, ApiMessage body, ByteBufAllocator allocator) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        body.addSize(size, cache, version);
        int headerBytes = key.responseHeaderVersion(version) == 0 ? 4 : 5;
        ByteBuf head = allocator.buffer(4 + headerBytes + size.sizeExcludingZeroCopy());
        try {
            head.writeInt(headerBytes + size.totalSize());
            head.writeInt(correlationId);
            if (headerBytes == 5) {
                head.writeByte(0);
            }
            FrameWritable writable = new FrameWritable(head);
            body.write(writable, cache, version);
            return writable.finish();
        } catch (RuntimeException e) {
            head.release();
            throw e;
        }
    }
}
