package io.ferrymq.broker.kafka.group;

import static io.ferrymq.broker.kafka.group.GroupWire.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse.Coordinator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.junit.jupiter.api.Test;

class FindCoordinatorApiTest {

    private final FindCoordinatorApi api = new FindCoordinatorApi();
    private final BrokerNode b2 = new BrokerNode(2, "b2.example", 9092);

    @Test
    void versionZeroAsksForOneGroupAndGetsItsNode() {
        FindCoordinatorRequestData request = roundTrip(new FindCoordinatorRequestData().setKey("billing"), (short) 0);

        assertThat(api.toFerry(request, (short) 0)).isEqualTo(FindCoordinatorRequest.forGroup("billing"));

        FindCoordinatorResponseData kafka = roundTrip(api.toKafka(request, new FindCoordinatorResponse(List.of(
                new Coordinator("billing", ErrorCode.NONE, "", Optional.of(b2)))), (short) 0), (short) 0);
        assertThat(kafka.errorCode()).isZero();
        assertThat(kafka.nodeId()).isEqualTo(2);
        assertThat(kafka.host()).isEqualTo("b2.example");
        assertThat(kafka.port()).isEqualTo(9092);
    }

    @Test
    void flexibleVersionThreeCarriesTheErrorMessageAndNoNode() {
        FindCoordinatorRequestData request = roundTrip(new FindCoordinatorRequestData().setKey("billing")
                .setKeyType(FindCoordinatorRequest.GROUP), (short) 3);

        FindCoordinatorResponseData kafka = roundTrip(api.toKafka(request, new FindCoordinatorResponse(List.of(
                new Coordinator("billing", ErrorCode.COORDINATOR_NOT_AVAILABLE, "no live broker", Optional.empty()))),
                (short) 3), (short) 3);

        assertThat(kafka.errorCode()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE.code());
        assertThat(kafka.errorMessage()).isEqualTo("no live broker");
        assertThat(kafka.nodeId()).isEqualTo(-1);
        assertThat(kafka.host()).isEmpty();
        assertThat(kafka.port()).isEqualTo(-1);
    }

    @Test
    void versionFourBatchesKeysAndAnswersEachOnItsOwn() {
        FindCoordinatorRequestData request = roundTrip(new FindCoordinatorRequestData()
                .setCoordinatorKeys(List.of("billing", "audit")), (short) 4);

        assertThat(api.toFerry(request, (short) 4))
                .isEqualTo(new FindCoordinatorRequest(List.of("billing", "audit"), FindCoordinatorRequest.GROUP));

        FindCoordinatorResponseData kafka = roundTrip(api.toKafka(request, new FindCoordinatorResponse(List.of(
                new Coordinator("billing", ErrorCode.NONE, "", Optional.of(b2)),
                new Coordinator("audit", ErrorCode.COORDINATOR_NOT_AVAILABLE, "none", Optional.empty()))),
                (short) 4), (short) 4);

        assertThat(kafka.coordinators()).hasSize(2);
        assertThat(kafka.coordinators().get(0).key()).isEqualTo("billing");
        assertThat(kafka.coordinators().get(0).nodeId()).isEqualTo(2);
        assertThat(kafka.coordinators().get(0).errorMessage()).isNull();
        assertThat(kafka.coordinators().get(1).errorCode()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE.code());
        assertThat(kafka.coordinators().get(1).nodeId()).isEqualTo(-1);
    }

    @Test
    void transactionCoordinatorsAreRefusedForLackOfTransactions() {
        FindCoordinatorRequestData request = new FindCoordinatorRequestData().setKeyType((byte) 1)
                .setCoordinatorKeys(List.of("tx-1"));

        assertThatThrownBy(() -> api.toFerry(request, (short) 4)).isInstanceOf(ApiException.class)
                .hasMessageContaining("no transactions")
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
}
