package io.ferrymq.broker.kafka;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/** A blocking Kafka-protocol connection for tests: requests built and responses parsed by kafka-clients. */
public final class KafkaWire implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    KafkaWire(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends {@code request} at its version and returns Kafka's parse of the answer. */
    AbstractResponse send(AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "ferry-test", ++correlationId);
        sendRaw(request.serializeWithHeader(header));
        ByteBuffer response = ByteBuffer.wrap(readFrame().orElseThrow(() -> new EOFException("connection closed")));
        return AbstractResponse.parseResponse(response, header);
    }

    void sendRaw(ByteBuffer frame) throws IOException {
        out.writeInt(frame.remaining());
        out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        out.flush();
    }

    /** The next response frame after its length prefix; empty when the broker closed the connection. */
    Optional<byte[]> readFrame() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return Optional.empty();
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return Optional.of(frame);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
