package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.Broker;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.responses.ApiVersionsResponse;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InitProducerId against one real broker on an embedded ZooKeeper, over a raw socket with the real
 * codec: fresh ids, the KIP-360 epoch bump, refused requests, and no id reused across a restart.
 */
class InitProducerIdIT {

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private final AtomicInteger correlation = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = startBroker();
    }

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    private Broker startBroker() {
        return SingleBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of());
    }

    @Test
    void eachNewProducerGetsItsOwnIdAndAKnownProducerGetsTheNextEpoch() throws IOException {
        try (RawClient client = new RawClient(broker.boundAddress())) {
            InitProducerIdResponse first = init(client, InitProducerIdRequest.newProducer());
            InitProducerIdResponse second = init(client, InitProducerIdRequest.newProducer());
            assertThat(first).isEqualTo(InitProducerIdResponse.granted(0, (short) 0));
            assertThat(second).isEqualTo(InitProducerIdResponse.granted(1, (short) 0));

            assertThat(init(client, InitProducerIdRequest.bumpEpoch(first.producerId(), first.producerEpoch())))
                    .isEqualTo(InitProducerIdResponse.granted(first.producerId(), (short) 1));
            assertThat(init(client, InitProducerIdRequest.bumpEpoch(second.producerId(), Short.MAX_VALUE)))
                    .isEqualTo(InitProducerIdResponse.granted(2, (short) 0));
        }
    }

    @Test
    void transactionsAndHalfIdentitiesAreRefusedAndTheConnectionKeepsWorking() throws IOException {
        try (RawClient client = new RawClient(broker.boundAddress())) {
            InitProducerIdResponse transactional = init(client, new InitProducerIdRequest("txn", 60_000, -1, (short) -1));
            assertThat(transactional.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(transactional.errorMessage()).contains("transactionalId");
            assertThat(transactional.producerId()).isEqualTo(-1);
            assertThat(init(client, new InitProducerIdRequest(null, 0, 5, (short) -1)).error())
                    .isEqualTo(ErrorCode.INVALID_REQUEST);

            assertThat(init(client, InitProducerIdRequest.newProducer()))
                    .isEqualTo(InitProducerIdResponse.granted(0, (short) 0));
        }
    }

    @Test
    void theApiIsAdvertisedAndARestartedBrokerNeverReusesAnId() throws IOException {
        try (RawClient client = new RawClient(broker.boundAddress())) {
            client.send(new ApiVersionsRequest("it", "0"), correlation.incrementAndGet());
            ApiVersionsResponse versions = (ApiVersionsResponse) client.read(ApiKey.API_VERSIONS).body();
            assertThat(versions.apiVersions()).extracting(ApiVersionsResponse.ApiVersion::apiKey)
                    .contains(ApiKey.INIT_PRODUCER_ID.id());
            assertThat(init(client, InitProducerIdRequest.newProducer()).producerId()).isZero();
        }
        broker.close();
        broker = startBroker();
        try (RawClient client = new RawClient(broker.boundAddress())) {
            assertThat(init(client, InitProducerIdRequest.newProducer()))
                    .isEqualTo(InitProducerIdResponse.granted(1000, (short) 0));
        }
    }

    private InitProducerIdResponse init(RawClient client, InitProducerIdRequest request) throws IOException {
        int correlationId = correlation.incrementAndGet();
        client.send(request, correlationId);
        RawClient.Response response = client.read(ApiKey.INIT_PRODUCER_ID);
        assertThat(response.correlationId()).isEqualTo(correlationId);
        return (InitProducerIdResponse) response.body();
    }
}
