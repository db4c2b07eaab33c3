package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.responses.ApiVersionsResponse;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * ApiVersions 0-4 (KIP-511): the Kafka APIs and versions of this listener, from {@link KafkaApis}
 * rather than from the handler's answer, which lists Ferry's own protocol. Whatever version the
 * client asked for, the response header is v0 (the codec sees to that).
 */
final class ApiVersionsApi implements KafkaApi<ApiVersionsRequestData, ApiVersionsResponseData> {

    private final KafkaApis apis;

    ApiVersionsApi(KafkaApis apis) {
        this.apis = apis;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.API_VERSIONS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public ApiRequest toFerry(ApiVersionsRequestData request, short version) {
        return new ApiVersionsRequest(request.clientSoftwareName(), request.clientSoftwareVersion());
    }

    @Override
    public ApiVersionsResponseData toKafka(ApiVersionsRequestData request, ApiResponse response, short version) {
        ApiVersionsResponse ferry = (ApiVersionsResponse) response;
        return advertised(apis, ferry.error().code());
    }

    /** What this listener advertises, with {@code errorCode}; also the answer to an unsupported ApiVersions version. */
    static ApiVersionsResponseData advertised(KafkaApis apis, short errorCode) {
        ApiVersionsResponseData.ApiVersionCollection keys = new ApiVersionsResponseData.ApiVersionCollection();
        for (KafkaApi<?, ?> api : apis.all()) {
            keys.add(new ApiVersionsResponseData.ApiVersion().setApiKey(api.key().id)
                    .setMinVersion(api.minVersion()).setMaxVersion(api.maxVersion()));
        }
        return new ApiVersionsResponseData().setErrorCode(errorCode).setApiKeys(keys);
    }
}
