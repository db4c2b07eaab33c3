package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.SyncGroupRequest;
import io.ferrymq.common.protocol.responses.SyncGroupResponse;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * SyncGroup 0-5 on Ferry's group coordinator: the leader's assignments in, each member's own out. A
 * {@code group.instance.id} (v3+) is refused ({@link StaticMembership}); protocol type and name travel
 * from v5 (absent ones are empty for the handler, and empty ones null for the client). Stateless and
 * thread-safe.
 */
final class SyncGroupApi implements KafkaApi<SyncGroupRequestData, SyncGroupResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.SYNC_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public ApiRequest toFerry(SyncGroupRequestData request, short version) {
        if (version >= 3) {
            StaticMembership.refuse(request.groupInstanceId());
        }
        return new SyncGroupRequest(request.groupId(), request.generationId(), request.memberId(),
                orEmpty(request.protocolType()), orEmpty(request.protocolName()), request.assignments().stream()
                        .map(a -> new SyncGroupRequest.Assignment(a.memberId(), a.assignment())).toList());
    }

    @Override
    public SyncGroupResponseData toKafka(SyncGroupRequestData request, ApiResponse response, short version) {
        SyncGroupResponse ferry = (SyncGroupResponse) response;
        SyncGroupResponseData kafka = new SyncGroupResponseData().setErrorCode(ferry.error().code())
                .setAssignment(ferry.assignment());
        if (version >= 5) {
            kafka.setProtocolType(orNull(ferry.protocolType())).setProtocolName(orNull(ferry.protocolName()));
        }
        return kafka;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
