package io.ferrymq.broker.kafka;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class DescribeClusterApiTest {

    private final DescribeClusterApi api = new DescribeClusterApi();
    private final DescribeClusterResponse answer = new DescribeClusterResponse(ErrorCode.NONE, "", "cluster-a",
            List.of(new BrokerNode(3, "h3", 9094, Optional.of("r1")), new BrokerNode(2, "h2", 9093)));

    @Test
    void bothVersionsCarryClusterIdBrokersAndTheLowestBrokerAsController() {
        for (short version = 0; version <= 1; version++) {
            DescribeClusterRequestData request = roundTrip(new DescribeClusterRequestData()
                    .setIncludeClusterAuthorizedOperations(true), version, DescribeClusterRequestData::new);
            assertThat(api.toFerry(request, version)).isEqualTo(new DescribeClusterRequest());
            DescribeClusterResponseData out = roundTrip(api.toKafka(request, answer, version), version,
                    DescribeClusterResponseData::new);
            assertThat(out.errorCode()).isZero();
            assertThat(out.errorMessage()).isNull();
            assertThat(out.clusterId()).isEqualTo("cluster-a");
            assertThat(out.controllerId()).isEqualTo(2);
            assertThat(out.brokers().find(3).rack()).isEqualTo("r1");
            assertThat(out.brokers().find(2).host()).isEqualTo("h2");
            assertThat(out.brokers().find(2).rack()).isNull();
            assertThat(out.clusterAuthorizedOperations()).isEqualTo(Integer.MIN_VALUE);
        }
    }

    @Test
    void controllerEndpointsAreAnUnsupportedEndpointType() {
        DescribeClusterRequestData request = new DescribeClusterRequestData().setEndpointType((byte) 2);
        DescribeClusterResponseData out = roundTrip(api.toKafka(request, answer, (short) 1), (short) 1,
                DescribeClusterResponseData::new);
        assertThat(out.errorCode()).isEqualTo(Errors.UNSUPPORTED_ENDPOINT_TYPE.code());
        assertThat(out.brokers()).isEmpty();
    }

    @Test
    void anErrorCarriesItsMessage() {
        DescribeClusterResponseData out = roundTrip(api.toKafka(new DescribeClusterRequestData(),
                new DescribeClusterResponse(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, "denied", "cluster-a", List.of()),
                (short) 0), (short) 0,
                DescribeClusterResponseData::new);
        assertThat(out.errorCode()).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
        assertThat(out.errorMessage()).isEqualTo("denied");
    }
}
