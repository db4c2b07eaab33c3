package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * DescribeGroups 0-5: state, protocol and members with their metadata and assignments; an unknown
 * group is "Dead" with no members, as in Kafka. Members never have a group instance id (no static
 * membership). Authorized operations (v3+) are not computed: the field keeps Kafka's "not provided"
 * value even when asked for, which admin clients show as unknown. Stateless and thread-safe.
 */
final class DescribeGroupsApi implements KafkaApi<DescribeGroupsRequestData, DescribeGroupsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_GROUPS;
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
    public ApiRequest toFerry(DescribeGroupsRequestData request, short version) {
        return new DescribeGroupsRequest(request.groups());
    }

    @Override
    public DescribeGroupsResponseData toKafka(DescribeGroupsRequestData request, ApiResponse response,
                                              short version) {
        return new DescribeGroupsResponseData().setGroups(((DescribeGroupsResponse) response).groups().stream()
                .map(DescribeGroupsApi::toKafka).toList());
    }

    private static DescribeGroupsResponseData.DescribedGroup toKafka(DescribeGroupsResponse.DescribedGroup group) {
        return new DescribeGroupsResponseData.DescribedGroup().setErrorCode(group.error().code())
                .setGroupId(group.groupId()).setGroupState(group.state()).setProtocolType(group.protocolType())
                .setProtocolData(group.protocolName()).setMembers(group.members().stream()
                        .map(m -> new DescribeGroupsResponseData.DescribedGroupMember().setMemberId(m.memberId())
                                .setClientId(m.clientId()).setClientHost(m.clientHost())
                                .setMemberMetadata(m.metadata()).setMemberAssignment(m.assignment()))
                        .toList());
    }
}
