package io.ferrymq.broker.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import io.ferrymq.coordinator.producer.ProducerIdBlock;
import io.ferrymq.coordinator.producer.ProducerIdManager;
import io.ferrymq.coordinator.zk.CoordinatorException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class InitProducerIdHandlerTest {

    private static final RequestContext CONTEXT = new RequestContext(ApiKey.INIT_PRODUCER_ID, (short) 0, 1, "test",
            new InetSocketAddress("127.0.0.1", 1));

    private boolean zooKeeperAway;
    private int claims;
    private final InitProducerIdHandler handler = new InitProducerIdHandler(new ProducerIdManager(3, brokerId -> {
        if (zooKeeperAway) {
            throw new CoordinatorException("connection loss");
        }
        claims++;
        return new ProducerIdBlock(brokerId, 5000L * claims, 5000L * claims + 999);
    }));

    private InitProducerIdResponse handle(InitProducerIdRequest request) {
        return handler.handle(CONTEXT, request).join();
    }

    @Test
    void newProducersGetIdsOfTheBrokersBlockWithEpochZero() {
        assertThat(handle(InitProducerIdRequest.newProducer())).isEqualTo(InitProducerIdResponse.granted(5000, (short) 0));
        assertThat(handle(InitProducerIdRequest.newProducer())).isEqualTo(InitProducerIdResponse.granted(5001, (short) 0));
    }

    @Test
    void aKnownProducerKeepsItsIdWithTheNextEpochOrGetsAFreshIdAtTheLastEpoch() {
        assertThat(handle(InitProducerIdRequest.bumpEpoch(42, (short) 0))).isEqualTo(InitProducerIdResponse.granted(42, (short) 1));
        assertThat(claims).isZero();
        assertThat(handle(InitProducerIdRequest.bumpEpoch(42, Short.MAX_VALUE)))
                .isEqualTo(InitProducerIdResponse.granted(5000, (short) 0));
    }

    @Test
    void aTransactionalIdIsAnInvalidRequest() {
        InitProducerIdResponse response = handle(new InitProducerIdRequest("payments", 60_000, -1, (short) -1));
        assertThat(response.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(response.errorMessage()).contains("payments");
        assertThat(response.producerId()).isEqualTo(-1);
        assertThat(response.producerEpoch()).isEqualTo((short) -1);
    }

    @Test
    void anIdWithoutAnEpochOrTheReverseIsAnInvalidRequest() {
        assertThat(handle(new InitProducerIdRequest(null, 0, 42, (short) -1)).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(handle(new InitProducerIdRequest(null, 0, -1, (short) 3)).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(handle(new InitProducerIdRequest(null, 0, -7, (short) -7)).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(claims).isZero();
    }

    @Test
    void noBlockFromZooKeeperIsARetriableCoordinatorError() {
        zooKeeperAway = true;
        InitProducerIdResponse response = handle(InitProducerIdRequest.newProducer());
        assertThat(response.error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(response.error().isRetriable()).isTrue();
        zooKeeperAway = false;
        assertThat(handle(InitProducerIdRequest.newProducer())).isEqualTo(InitProducerIdResponse.granted(5000, (short) 0));
    }

    @Test
    void theErrorResponseCarriesNoIdentity() {
        assertThat(handler.errorResponse(InitProducerIdRequest.newProducer(), ErrorCode.BROKER_NOT_AVAILABLE, "stopping"))
                .isEqualTo(new InitProducerIdResponse(ErrorCode.BROKER_NOT_AVAILABLE, "stopping", -1, (short) -1));
    }
}
