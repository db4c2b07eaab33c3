package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse.Coordinator;
import java.util.List;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * FindCoordinator 0-4: one key up to v3, a batch of keys from v4 (KIP-699). Only group coordinators
 * exist: a transaction key (key type 1) is refused with INVALID_REQUEST, which a transactional
 * producer reports as a fatal error, since Ferry has no transactions. Stateless and thread-safe.
 */
final class FindCoordinatorApi implements KafkaApi<FindCoordinatorRequestData, FindCoordinatorResponseData> {

    private static final byte TRANSACTION = 1;
    /** Kafka's {@code Node.noNode()}: what a response without a coordinator carries. */
    private static final BrokerNode NO_NODE = new BrokerNode(-1, "", -1);

    @Override
    public ApiKeys key() {
        return ApiKeys.FIND_COORDINATOR;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public ApiRequest toFerry(FindCoordinatorRequestData request, short version) {
        byte keyType = version >= 1 ? request.keyType() : FindCoordinatorRequest.GROUP;
        if (keyType != FindCoordinatorRequest.GROUP) {
            throw ErrorCode.INVALID_REQUEST.exception(keyType == TRANSACTION
                    ? "Ferry has no transactions, so no transaction coordinator"
                    : "only group coordinators exist (key type 0), got key type " + keyType);
        }
        List<String> keys = version >= 4 ? request.coordinatorKeys() : List.of(request.key());
        return new FindCoordinatorRequest(keys, keyType);
    }

    @Override
    public FindCoordinatorResponseData toKafka(FindCoordinatorRequestData request, ApiResponse response,
                                               short version) {
        FindCoordinatorResponse ferry = (FindCoordinatorResponse) response;
        FindCoordinatorResponseData kafka = new FindCoordinatorResponseData();
        if (version >= 4) {
            kafka.setCoordinators(ferry.coordinators().stream().map(FindCoordinatorApi::toKafka).toList());
            return kafka;
        }
        Coordinator only = ferry.coordinatorOf(request.key());
        BrokerNode node = only.node().orElse(NO_NODE);
        kafka.setErrorCode(only.error().code()).setNodeId(node.id()).setHost(node.host()).setPort(node.port());
        if (version >= 1) {
            kafka.setErrorMessage(only.errorMessage().isEmpty() ? null : only.errorMessage());
        }
        return kafka;
    }

    private static FindCoordinatorResponseData.Coordinator toKafka(Coordinator coordinator) {
        BrokerNode node = coordinator.node().orElse(NO_NODE);
        return new FindCoordinatorResponseData.Coordinator().setKey(coordinator.key())
                .setErrorCode(coordinator.error().code())
                .setErrorMessage(coordinator.errorMessage().isEmpty() ? null : coordinator.errorMessage())
                .setNodeId(node.id()).setHost(node.host()).setPort(node.port());
    }
}
