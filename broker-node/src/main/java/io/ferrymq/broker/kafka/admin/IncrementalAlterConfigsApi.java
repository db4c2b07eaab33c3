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
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * IncrementalAlterConfigs 0-1: each resource's operations (Kafka's {@code AlterConfigOp.OpType}
 * codes, which are Ferry's) are applied by the handler to the current overrides. Stateless.
 */
final class IncrementalAlterConfigsApi
        implements KafkaApi<IncrementalAlterConfigsRequestData, IncrementalAlterConfigsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 1;
    }

    @Override
    public ApiRequest toFerry(IncrementalAlterConfigsRequestData request, short version) {
        List<IncrementalAlterConfigsRequest.Resource> resources = new ArrayList<>();
        for (IncrementalAlterConfigsRequestData.AlterConfigsResource resource : request.resources()) {
            List<Operation> ops = new ArrayList<>();
            for (IncrementalAlterConfigsRequestData.AlterableConfig config : resource.configs()) {
                ops.add(new Operation(config.name(), config.configOperation(), config.value()));
            }
            resources.add(new IncrementalAlterConfigsRequest.Resource(resource.resourceType(),
                    resource.resourceName(), false, ops));
        }
        return new IncrementalAlterConfigsRequest(resources, request.validateOnly());
    }

    @Override
    public IncrementalAlterConfigsResponseData toKafka(IncrementalAlterConfigsRequestData request,
                                                       ApiResponse response, short version) {
        IncrementalAlterConfigsResponseData out = new IncrementalAlterConfigsResponseData();
        for (IncrementalAlterConfigsResponse.ResourceResult result
                : ((IncrementalAlterConfigsResponse) response).results()) {
            out.responses().add(new AlterConfigsResourceResponse().setResourceType(result.type())
                    .setResourceName(result.name()).setErrorCode(result.error().code())
                    .setErrorMessage(ErrorMessages.orNull(result.errorMessage())));
        }
        return out;
    }
}
