package io.ferrymq.common.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as the server received it. When the request carries record bytes (Produce), its
 * {@link RecordSource.Memory} buffers are views into the received frame, which this object keeps
 * alive until {@link #close()}; close it once the records are appended (or the request is dropped).
 * Closing twice is harmless. Not thread-safe; hand it between threads with a happens-before edge.
 */
public final class DecodedRequest implements AutoCloseable {

    private final RequestHeader header;
    private final ApiRequest request;
    private final Object codecState;
    private ByteBuf retainedFrame;

    public DecodedRequest(RequestHeader header, ApiRequest request, Optional<ByteBuf> retainedFrame) {
        this(header, request, retainedFrame, null);
    }

    /**
     * A request with {@code codecState}: what the codec that decoded it needs again to encode its
     * response (Kafka's codec keeps the request message and version), opaque to everyone else.
     */
    public DecodedRequest(RequestHeader header, ApiRequest request, Optional<ByteBuf> retainedFrame, Object codecState) {
        this.header = Objects.requireNonNull(header, "header");
        this.request = Objects.requireNonNull(request, "request");
        this.retainedFrame = retainedFrame.orElse(null);
        this.codecState = codecState;
    }

    /** What the decoding codec kept for the response; null for codecs that keep nothing. */
    public Object codecState() {
        return codecState;
    }

    public RequestHeader header() {
        return header;
    }

    public ApiRequest request() {
        return request;
    }

    /** The body as its record type; throws {@link ClassCastException} if the header's key says otherwise. */
    public <T extends ApiRequest> T request(Class<T> type) {
        return type.cast(request);
    }

    @Override
    public void close() {
        ByteBuf frame = retainedFrame;
        retainedFrame = null;
        if (frame != null) {
            frame.release();
        }
    }

    @Override
    public String toString() {
        return "DecodedRequest[" + header + ", " + request + "]";
    }
}
