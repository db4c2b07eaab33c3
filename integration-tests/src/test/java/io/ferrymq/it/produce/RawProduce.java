package io.ferrymq.it.produce;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.EncodedFrame;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.WireCodec;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends one Produce request over a plain blocking socket, bypassing the producer and its checks:
 * the frame is encoded by the client's own {@link KryoCodec} (header, Kryo body, then each
 * partition's raw batch bytes beside it), so the batch bytes reach the broker exactly as given.
 * Every socket operation is bounded by the timeout. Stateless and thread-safe.
 */
final class RawProduce {

    /** What came back: the decoded response, or why there was none (connection closed, timeout, error). */
    record Answer(Optional<ProduceResponse> response, String failure) {
        static Answer of(ProduceResponse response) {
            return new Answer(Optional.of(response), "");
        }

        static Answer none(String failure) {
            return new Answer(Optional.empty(), failure);
        }
    }

    private static final WireCodec CODEC = new KryoCodec();
    private static final int MAX_RESPONSE_BYTES = 16 << 20;

    private RawProduce() {
    }

    /** Sends {@code request} to the broker at {@code host:port} and waits up to {@code timeout} for its answer. */
    static Answer send(String hostPort, ProduceRequest request, Duration timeout) {
        RequestHeader header = RequestHeader.latest(ApiKey.PRODUCE, 1, "hostile-batch-it");
        EncodedFrame frame = CODEC.encodeRequest(header, request, UnpooledByteBufAllocator.DEFAULT);
        String[] parts = hostPort.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            write(frame, socket.getOutputStream());
            return read(new DataInputStream(socket.getInputStream()), header);
        } catch (EOFException e) {
            return Answer.none("the broker at " + hostPort + " closed the connection without answering");
        } catch (IOException e) {
            return Answer.none("no answer from the broker at " + hostPort + ": " + e);
        } finally {
            frame.release();
        }
    }

    private static void write(EncodedFrame frame, OutputStream out) throws IOException {
        ByteBuf head = frame.head();
        head.getBytes(head.readerIndex(), out, head.readableBytes());
        WritableByteChannel channel = Channels.newChannel(out);
        for (RecordSource records : frame.records()) {
            ByteBuffer bytes = records.toByteBuffer();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        out.flush();
    }

    private static Answer read(DataInputStream in, RequestHeader header) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_RESPONSE_BYTES) {
            return Answer.none("response frame length " + length + " is out of bounds");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        ApiResponse response = CODEC.decodeResponse(Unpooled.wrappedBuffer(bytes), ApiKey.PRODUCE, header.apiVersion());
        if (response instanceof ProduceResponse produce) {
            return Answer.of(produce);
        }
        return Answer.none("the broker answered with " + response);
    }
}
