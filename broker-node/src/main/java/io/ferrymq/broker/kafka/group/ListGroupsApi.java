package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.ListGroupsRequest;
import io.ferrymq.common.protocol.responses.ListGroupsResponse;
import java.util.List;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * ListGroups 0-4: the groups this broker coordinates; from v4 filtered by state (KIP-518) and
 * answered with each group's state. v5's type filter (KIP-848) is not served: every Ferry group is a
 * classic one. Stateless and thread-safe.
 */
final class ListGroupsApi implements KafkaApi<ListGroupsRequestData, ListGroupsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.LIST_GROUPS;
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
    public ApiRequest toFerry(ListGroupsRequestData request, short version) {
        return new ListGroupsRequest(version >= 4 ? request.statesFilter() : List.of());
    }

    @Override
    public ListGroupsResponseData toKafka(ListGroupsRequestData request, ApiResponse response, short version) {
        ListGroupsResponse ferry = (ListGroupsResponse) response;
        return new ListGroupsResponseData().setErrorCode(ferry.error().code()).setGroups(ferry.groups().stream()
                .map(g -> {
                    ListGroupsResponseData.ListedGroup listed = new ListGroupsResponseData.ListedGroup()
                            .setGroupId(g.groupId()).setProtocolType(g.protocolType());
                    return version >= 4 ? listed.setGroupState(g.state()) : listed;
                }).toList());
    }
}
