package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The API keys (as wire ids, so a client can see keys it does not know) and version ranges the
 * broker speaks. Immutable.
 */
public record ApiVersionsResponse(ErrorCode error, List<ApiVersion> apiVersions) implements ApiResponse {

    public ApiVersionsResponse {
        Objects.requireNonNull(error, "error");
        apiVersions = List.copyOf(apiVersions);
    }

    /** What this build speaks. */
    public static ApiVersionsResponse ofThisBuild() {
        return new ApiVersionsResponse(ErrorCode.NONE, Arrays.stream(ApiKey.values())
                .map(key -> new ApiVersion(key.id(), key.minVersion(), key.maxVersion()))
                .toList());
    }

    public record ApiVersion(short apiKey, short minVersion, short maxVersion) {
    }
}
