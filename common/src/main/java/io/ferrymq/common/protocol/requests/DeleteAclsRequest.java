package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.AclFilterData;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/** Delete every ACL binding that matches any of the filters (Kafka's DeleteAcls). Immutable. */
public record DeleteAclsRequest(List<AclFilterData> filters) implements ApiRequest {

    public DeleteAclsRequest {
        filters = List.copyOf(filters);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DELETE_ACLS;
    }
}
