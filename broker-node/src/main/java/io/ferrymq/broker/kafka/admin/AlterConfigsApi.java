package io.ferrymq.broker.kafka.admin;

import io.ferrymq.broker.kafka.ErrorMessages;
import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * AlterConfigs 0-2 (the legacy API): each resource's overrides become exactly the keys given, so it
 * is served as an {@link IncrementalAlterConfigsRequest} resource with {@code replaceAll} and one SET
 * per key; the handler refuses what Ferry would not apply to live logs. Stateless.
 */
final class AlterConfigsApi implements KafkaApi<AlterConfigsRequestData, AlterConfigsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 2;
    }

    @Override
    public ApiRequest toFerry(AlterConfigsRequestData request, short version) {
        List<IncrementalAlterConfigsRequest.Resource> resources = new ArrayList<>();
        for (AlterConfigsRequestData.AlterConfigsResource resource : request.resources()) {
            List<Operation> ops = new ArrayList<>();
            for (AlterConfigsRequestData.AlterableConfig config : resource.configs()) {
                ops.add(new Operation(config.name(), Operation.SET, config.value()));
            }
            resources.add(new IncrementalAlterConfigsRequest.Resource(resource.resourceType(),
                    resource.resourceName(), true, ops));
        }
        return new IncrementalAlterConfigsRequest(resources, request.validateOnly());
    }

    @Override
    public AlterConfigsResponseData toKafka(AlterConfigsRequestData request, ApiResponse response, short version) {
        AlterConfigsResponseData out = new AlterConfigsResponseData();
        for (IncrementalAlterConfigsResponse.ResourceResult result
                : ((IncrementalAlterConfigsResponse) response).results()) {
            out.responses().add(new AlterConfigsResourceResponse().setResourceType(result.type())
                    .setResourceName(result.name()).setErrorCode(result.error().code())
                    .setErrorMessage(ErrorMessages.orNull(result.errorMessage())));
        }
        return out;
    }
}
