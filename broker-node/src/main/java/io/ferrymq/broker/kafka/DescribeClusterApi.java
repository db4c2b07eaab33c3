package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import java.util.List;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeCluster 0-1: the cluster id and the live brokers of the caller's listener. Ferry has no
 * controller quorum: the controller id is the lowest live broker id (as in {@link MetadataApi}), and
 * a v1 request for controller endpoints ({@code endpointType} 2) is answered
 * {@code UNSUPPORTED_ENDPOINT_TYPE}, as Kafka's ZooKeeper-mode brokers answer it. Authorized
 * operations are not computed ({@code Integer.MIN_VALUE}). Stateless.
 */
final class DescribeClusterApi implements KafkaApi<DescribeClusterRequestData, DescribeClusterResponseData> {

    private static final byte BROKERS = 1;

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_CLUSTER;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 1;
    }

    @Override
    public ApiRequest toFerry(DescribeClusterRequestData request, short version) {
        return new DescribeClusterRequest();
    }

    @Override
    public DescribeClusterResponseData toKafka(DescribeClusterRequestData request, ApiResponse response, short version) {
        if (version >= 1 && request.endpointType() != BROKERS) {
            return new DescribeClusterResponseData().setEndpointType(request.endpointType())
                    .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("Ferry serves broker endpoints only (endpoint type 1)");
        }
        DescribeClusterResponse ferry = (DescribeClusterResponse) response;
        DescribeClusterResponseData out = new DescribeClusterResponseData().setErrorCode(ferry.error().code())
                .setErrorMessage(ErrorMessages.orNull(ferry.errorMessage())).setClusterId(ferry.clusterId())
                .setControllerId(controllerId(ferry.brokers()));
        for (BrokerNode node : ferry.brokers()) {
            out.brokers().add(new DescribeClusterBroker().setBrokerId(node.id()).setHost(node.host())
                    .setPort(node.port()).setRack(node.rack().orElse(null)));
        }
        return out;
    }

    /** The lowest live broker id, or -1 when none is live: Ferry's stand-in for Kafka's controller. */
    static int controllerId(List<BrokerNode> brokers) {
        return brokers.stream().mapToInt(BrokerNode::id).min().orElse(-1);
    }
}
