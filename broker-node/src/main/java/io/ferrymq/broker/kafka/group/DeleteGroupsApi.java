package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * DeleteGroups 0-2: empty groups and their committed offsets, answered per group (NON_EMPTY_GROUP,
 * GROUP_ID_NOT_FOUND, NOT_COORDINATOR). Stateless and thread-safe.
 */
final class DeleteGroupsApi implements KafkaApi<DeleteGroupsRequestData, DeleteGroupsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.DELETE_GROUPS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public ApiRequest toFerry(DeleteGroupsRequestData request, short version) {
        return new DeleteGroupsRequest(request.groupsNames());
    }

    @Override
    public DeleteGroupsResponseData toKafka(DeleteGroupsRequestData request, ApiResponse response, short version) {
        DeleteGroupsResponseData.DeletableGroupResultCollection results =
                new DeleteGroupsResponseData.DeletableGroupResultCollection();
        for (DeleteGroupsResponse.GroupResult result : ((DeleteGroupsResponse) response).groups()) {
            results.add(new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(result.groupId())
                    .setErrorCode(result.error().code()));
        }
        return new DeleteGroupsResponseData().setResults(results);
    }
}
