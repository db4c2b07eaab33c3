package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.List;
import java.util.Objects;

/** The bindings that matched the filter, or an error and its reason. Immutable. */
public record DescribeAclsResponse(ErrorCode error, String errorMessage, List<AclBindingData> bindings)
        implements ApiResponse {

    public DescribeAclsResponse {
        Objects.requireNonNull(error, "error");
        errorMessage = errorMessage == null ? "" : errorMessage;
        bindings = List.copyOf(bindings);
    }
}
