package io.ferrymq.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.responses.HeartbeatResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {

    private TestBroker broker;
    private NetworkClient client;
    private ConnectionPool pool;

    @BeforeEach
    void start() {
        broker = new TestBroker(ConnectionPoolTest::respond);
        client = new NetworkClient(NetworkConfig.defaults("pool"));
        pool = new ConnectionPool(client);
    }

    @AfterEach
    void stop() {
        pool.close();
        client.close();
        broker.close();
    }

    private static Optional<ApiResponse> respond(DecodedRequest request) {
        return Optional.of(new HeartbeatResponse(ErrorCode.NONE));
    }

    @Test
    void sameAddressSharesOneConnection() {
        BrokerConnection first = pool.connection(broker.address()).orTimeout(10, TimeUnit.SECONDS).join();
        BrokerConnection second = pool.connection("127.0.0.1", broker.port()).orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(second).isSameAs(first);
        assertThat(pool.isConnected(broker.address())).isTrue();
    }

    @Test
    void closedConnectionIsReplacedOnNextRequest() {
        BrokerConnection first = pool.connection(broker.address()).orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.acceptedConnections() == 1);
        broker.closeClientConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isActive());

        BrokerConnection second = pool.connection(broker.address()).orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(second).isNotSameAs(first);
        assertThat(second.send(new HeartbeatRequest("g", 1, "m"), HeartbeatResponse.class)
                .orTimeout(10, TimeUnit.SECONDS).join().error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void disconnectClosesAndForgetsTheConnection() {
        BrokerConnection first = pool.connection(broker.address()).orTimeout(10, TimeUnit.SECONDS).join();

        pool.disconnect(broker.address());

        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isActive());
        assertThat(pool.isConnected(broker.address())).isFalse();
    }
}
