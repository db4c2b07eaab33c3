package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.CreateAclsRequest;
import io.ferrymq.common.protocol.responses.CreateAclsResponse;
import org.apache.kafka.common.message.CreateAclsRequestData;
import org.apache.kafka.common.message.CreateAclsResponseData;
import org.apache.kafka.common.message.CreateAclsResponseData.AclCreationResult;
import org.apache.kafka.common.protocol.ApiKeys;

/** CreateAcls 1-3: one result per creation, in request order ({@link AclApis}). Stateless. */
final class CreateAclsApi implements KafkaApi<CreateAclsRequestData, CreateAclsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.CREATE_ACLS;
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
    public ApiRequest toFerry(CreateAclsRequestData request, short version) {
        return new CreateAclsRequest(request.creations().stream().map(AclApis::binding).toList());
    }

    @Override
    public CreateAclsResponseData toKafka(CreateAclsRequestData request, ApiResponse response, short version) {
        CreateAclsResponseData out = new CreateAclsResponseData();
        for (CreateAclsResponse.Result result : ((CreateAclsResponse) response).results()) {
            out.results().add(new AclCreationResult().setErrorCode(result.error().code())
                    .setErrorMessage(ErrorMessages.orNull(result.errorMessage())));
        }
        return out;
    }
}
