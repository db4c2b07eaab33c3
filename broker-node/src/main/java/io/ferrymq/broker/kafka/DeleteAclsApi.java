package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DeleteAclsRequest;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse;
import org.apache.kafka.common.message.DeleteAclsRequestData;
import org.apache.kafka.common.message.DeleteAclsResponseData;
import org.apache.kafka.common.message.DeleteAclsResponseData.DeleteAclsFilterResult;
import org.apache.kafka.common.protocol.ApiKeys;

/** DeleteAcls 1-3: per filter, in request order, the bindings it deleted ({@link AclApis}). Stateless. */
final class DeleteAclsApi implements KafkaApi<DeleteAclsRequestData, DeleteAclsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.DELETE_ACLS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 3;
    }

    @Override
    public ApiRequest toFerry(DeleteAclsRequestData request, short version) {
        return new DeleteAclsRequest(request.filters().stream().map(AclApis::filter).toList());
    }

    @Override
    public DeleteAclsResponseData toKafka(DeleteAclsRequestData request, ApiResponse response, short version) {
        DeleteAclsResponseData out = new DeleteAclsResponseData();
        for (DeleteAclsResponse.FilterResult result : ((DeleteAclsResponse) response).results()) {
            out.filterResults().add(new DeleteAclsFilterResult().setErrorCode(result.error().code())
                    .setErrorMessage(ErrorMessages.orNull(result.errorMessage()))
                    .setMatchingAcls(result.deleted().stream().map(AclApis::matching).toList()));
        }
        return out;
    }
}
