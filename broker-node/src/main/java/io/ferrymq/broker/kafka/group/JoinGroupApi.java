package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.responses.JoinGroupResponse;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * JoinGroup 0-9 on Ferry's group coordinator. v0 has no rebalance timeout: the session timeout serves
 * as both, as in Kafka. From v4 a first join without a member id is answered MEMBER_ID_REQUIRED with
 * the new id (KIP-394); v0-3 members join at once. A {@code group.instance.id} (v5+, static
 * membership) is refused ({@link StaticMembership}); the rejoin reason (v8+) is not kept. The protocol
 * type is answered from v7, and v9's {@code skipAssignment} is always false: the leader assigns.
 * Stateless and thread-safe.
 */
final class JoinGroupApi implements KafkaApi<JoinGroupRequestData, JoinGroupResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.JOIN_GROUP;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 9;
    }

    @Override
    public ApiRequest toFerry(JoinGroupRequestData request, short version) {
        if (version >= 5) {
            StaticMembership.refuse(request.groupInstanceId());
        }
        int rebalanceTimeoutMs = version >= 1 ? request.rebalanceTimeoutMs() : request.sessionTimeoutMs();
        return new JoinGroupRequest(request.groupId(), request.sessionTimeoutMs(), rebalanceTimeoutMs,
                request.memberId(), request.protocolType(), request.protocols().stream()
                        .map(p -> new JoinGroupRequest.Protocol(p.name(), p.metadata())).toList(),
                version >= 4);
    }

    @Override
    public JoinGroupResponseData toKafka(JoinGroupRequestData request, ApiResponse response, short version) {
        JoinGroupResponse ferry = (JoinGroupResponse) response;
        boolean failed = ferry.error() != ErrorCode.NONE;
        JoinGroupResponseData kafka = new JoinGroupResponseData().setErrorCode(ferry.error().code())
                .setGenerationId(ferry.generationId()).setLeader(ferry.leader()).setMemberId(ferry.memberId())
                .setProtocolName(failed && version >= 7 ? null : ferry.protocolName())
                .setMembers(ferry.members().stream().map(m -> new JoinGroupResponseData.JoinGroupResponseMember()
                        .setMemberId(m.memberId()).setMetadata(m.metadata())).toList());
        if (version >= 7) {
            kafka.setProtocolType(failed ? null : ferry.protocolType());
        }
        return kafka;
    }
}
