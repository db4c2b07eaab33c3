package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.responses.ApiVersionsResponse;
import io.ferrymq.common.protocol.responses.ApiVersionsResponse.ApiVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ApiVersions: the API keys this broker serves (only those with a handler) and their version ranges.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiVersionsHandler implements RequestHandler<ApiVersionsRequest> {

    private final List<ApiVersion> versions;

    /** {@code served}: the API keys of every other handler; ApiVersions itself is added. */
    public ApiVersionsHandler(Set<ApiKey> served) {
        Set<ApiKey> all = served.isEmpty() ? EnumSet.noneOf(ApiKey.class) : EnumSet.copyOf(served);
        all.add(ApiKey.API_VERSIONS);
        this.versions = all.stream()
                .map(key -> new ApiVersion(key.id(), key.minVersion(), key.maxVersion()))
                .toList();
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public CompletableFuture<ApiVersionsResponse> handle(RequestContext context, ApiVersionsRequest request) {
        return CompletableFuture.completedFuture(new ApiVersionsResponse(ErrorCode.NONE, versions));
    }

    @Override
    public ApiResponse errorResponse(ApiVersionsRequest request, ErrorCode error, String message) {
        return new ApiVersionsResponse(error, versions);
    }
}
