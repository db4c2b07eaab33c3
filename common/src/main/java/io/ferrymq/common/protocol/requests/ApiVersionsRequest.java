package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Objects;

/** Ask which API keys and versions the broker speaks; the client names its software. Immutable. */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion) implements ApiRequest {

    public ApiVersionsRequest {
        Objects.requireNonNull(clientSoftwareName, "clientSoftwareName");
        Objects.requireNonNull(clientSoftwareVersion, "clientSoftwareVersion");
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }
}
