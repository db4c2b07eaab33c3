package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class InitProducerIdApiTest {

    private static final short[] VERSIONS = {0, 3, 5};

    private final InitProducerIdApi api = new InitProducerIdApi();

    @Test
    void advertisesZeroToFive() {
        assertThat(api.key()).isEqualTo(ApiKeys.INIT_PRODUCER_ID);
        assertThat(api.minVersion()).isZero();
        assertThat(api.maxVersion()).isEqualTo((short) 5);
    }

    @Test
    void aNewProducerAsksForAFreshId() {
        for (short version : VERSIONS) {
            InitProducerIdRequestData read = KafkaRoundTrip.request(ApiKeys.INIT_PRODUCER_ID,
                    new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000), version);

            InitProducerIdRequest ferry = (InitProducerIdRequest) api.toFerry(read, version);

            assertThat(ferry).isEqualTo(new InitProducerIdRequest(null, 60_000, -1L, (short) -1));
        }
    }

    @Test
    void fromVersionThreeTheIdAndEpochHeldAskForAnEpochBump() {
        for (short version : new short[] {3, 4, 5}) {
            InitProducerIdRequestData read = KafkaRoundTrip.request(ApiKeys.INIT_PRODUCER_ID,
                    new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000)
                            .setProducerId(4_000L).setProducerEpoch((short) 7), version);

            InitProducerIdRequest ferry = (InitProducerIdRequest) api.toFerry(read, version);

            assertThat(ferry.producerId()).isEqualTo(4_000L);
            assertThat(ferry.producerEpoch()).isEqualTo((short) 7);
        }
    }

    @Test
    void aTransactionalIdIsRefused() {
        InitProducerIdRequestData read = KafkaRoundTrip.request(ApiKeys.INIT_PRODUCER_ID,
                new InitProducerIdRequestData().setTransactionalId("tx-1").setTransactionTimeoutMs(60_000), (short) 5);

        assertThatThrownBy(() -> api.toFerry(read, (short) 5)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    }

    @Test
    void theResponseCarriesTheGrantOrTheError() {
        for (short version : VERSIONS) {
            InitProducerIdResponseData granted = KafkaRoundTrip.response(ApiKeys.INIT_PRODUCER_ID,
                    api.toKafka(new InitProducerIdRequestData(), InitProducerIdResponse.granted(4_001L, (short) 0), version),
                    version);
            InitProducerIdResponseData failed = KafkaRoundTrip.response(ApiKeys.INIT_PRODUCER_ID,
                    api.toKafka(new InitProducerIdRequestData(), InitProducerIdResponse.error(
                            ErrorCode.COORDINATOR_NOT_AVAILABLE, "no block"), version), version);

            assertThat(granted.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(granted.producerId()).isEqualTo(4_001L);
            assertThat(granted.producerEpoch()).isZero();
            assertThat(failed.errorCode()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE.code());
            assertThat(failed.producerId()).isEqualTo(-1L);
            assertThat(failed.producerEpoch()).isEqualTo((short) -1);
        }
    }
}
