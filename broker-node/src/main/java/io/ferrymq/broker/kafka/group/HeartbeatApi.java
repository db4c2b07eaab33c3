package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.responses.HeartbeatResponse;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Heartbeat 0-4 on Ferry's group coordinator; a {@code group.instance.id} (v3+) is refused
 * ({@link StaticMembership}). Stateless and thread-safe.
 */
final class HeartbeatApi implements KafkaApi<HeartbeatRequestData, HeartbeatResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.HEARTBEAT;
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
    public ApiRequest toFerry(HeartbeatRequestData request, short version) {
        if (version >= 3) {
            StaticMembership.refuse(request.groupInstanceId());
        }
        return new HeartbeatRequest(request.groupId(), request.generationId(), request.memberId());
    }

    @Override
    public HeartbeatResponseData toKafka(HeartbeatRequestData request, ApiResponse response, short version) {
        return new HeartbeatResponseData().setErrorCode(((HeartbeatResponse) response).error().code());
    }
}
