package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.AclFilterData;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Objects;

/** The ACL bindings that match one filter (Kafka's DescribeAcls). Immutable. */
public record DescribeAclsRequest(AclFilterData filter) implements ApiRequest {

    public DescribeAclsRequest {
        Objects.requireNonNull(filter, "filter");
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_ACLS;
    }
}
