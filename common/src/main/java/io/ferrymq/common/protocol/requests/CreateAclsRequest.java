package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/** Create ACL bindings (Kafka's CreateAcls); each succeeds or fails alone. Immutable. */
public record CreateAclsRequest(List<AclBindingData> creations) implements ApiRequest {

    public CreateAclsRequest {
        creations = List.copyOf(creations);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CREATE_ACLS;
    }
}
