package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A blocking test client over a plain socket: sends well-formed requests (encoded with the real
 * codec) or arbitrary bytes, and reads responses frame by frame. Not thread-safe.
 */
final class RawClient implements AutoCloseable {

    private final KryoCodec codec = new KryoCodec();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(ApiRequest request, int correlationId) throws IOException {
        sendRaw(encode(new RequestHeader(request.apiKey(), (short) 0, correlationId, "raw-client"), request));
    }

    byte[] encode(RequestHeader header, ApiRequest request) {
        EncodedFrame frame = codec.encodeRequest(header, request, ByteBufAllocator.DEFAULT);
        try {
            ByteBuffer all = ByteBuffer.allocate((int) frame.totalBytes());
            all.put(frame.head().nioBuffer());
            for (RecordSource source : frame.records()) {
                all.put(source.toByteBuffer());
            }
            return all.array();
        } finally {
            frame.release();
        }
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response frame and returns its correlation id and decoded body. */
    Response read(ApiKey apiKey) throws IOException {
        int length = in.readInt();
        byte[] frame = new byte[length];
        in.readFully(frame);
        var buffer = Unpooled.wrappedBuffer(frame);
        int correlationId = codec.decodeResponseHeader(buffer).correlationId();
        return new Response(correlationId, codec.decodeResponse(buffer, apiKey, (short) 0));
    }

    /** Whether the server closed the connection (end of stream or reset) within the socket timeout. */
    boolean isClosedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int correlationId, ApiResponse body) {
    }
}
