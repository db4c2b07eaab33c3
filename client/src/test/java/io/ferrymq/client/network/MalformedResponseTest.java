package io.ferrymq.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.InvalidFrameException;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A broker that answers with bytes that are not a valid response: the request fails and the connection closes. */
class MalformedResponseTest {

    private ServerSocket server;
    private Thread peer;
    private NetworkClient client;

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
        peer.join(10_000);
        assertThat(peer.isAlive()).isFalse();
    }

    @Test
    void garbageResponseFailsTheRequestAndClosesTheConnection() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peer = new Thread(this::answerWithGarbage, "malformed-response-peer");
        peer.start();
        client = new NetworkClient(NetworkConfig.defaults("garbage"));
        BrokerConnection connection = client.connect("127.0.0.1", server.getLocalPort()).orTimeout(10, TimeUnit.SECONDS).join();

        CompletableFuture<ApiResponse> future = connection.send(new HeartbeatRequest("g", 1, "m"));

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(InvalidFrameException.class)
                .hasMessageContaining("HEARTBEAT response");
        await().atMost(Duration.ofSeconds(10)).until(() -> !connection.isActive());
    }

    private void answerWithGarbage() {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readFully(new byte[in.readInt()]);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(5);
            out.writeInt(0);
            out.writeByte(0x7f);
            out.flush();
            while (in.read() >= 0) {
                // wait for the client to close the connection
            }
        } catch (IOException e) {
            // the server socket was closed by tearDown, or the client went away: the peer's job is done
        }
    }
}
