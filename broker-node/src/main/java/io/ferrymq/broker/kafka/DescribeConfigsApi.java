package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ConfigEntry;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ResourceResult;
import java.util.List;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * DescribeConfigs 1-4 for topics and brokers. Synonyms are asked for from v1, documentation from v3;
 * config source (v1+), synonyms (v1+), config type and documentation (v3+) are answered where the
 * version has them. A null list of keys, like an empty one, asks for every key. Stateless.
 */
final class DescribeConfigsApi implements KafkaApi<DescribeConfigsRequestData, DescribeConfigsResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 4;
    }

    @Override
    public ApiRequest toFerry(DescribeConfigsRequestData request, short version) {
        List<DescribeConfigsRequest.Resource> resources = request.resources().stream()
                .map(r -> new DescribeConfigsRequest.Resource(r.resourceType(), r.resourceName(),
                        r.configurationKeys() == null ? List.of() : r.configurationKeys()))
                .toList();
        return new DescribeConfigsRequest(resources, request.includeSynonyms(), request.includeDocumentation());
    }

    @Override
    public DescribeConfigsResponseData toKafka(DescribeConfigsRequestData request, ApiResponse response,
                                               short version) {
        DescribeConfigsResponseData out = new DescribeConfigsResponseData();
        for (ResourceResult result : ((DescribeConfigsResponse) response).results()) {
            out.results().add(new DescribeConfigsResult().setResourceType(result.type()).setResourceName(result.name())
                    .setErrorCode(result.error().code()).setErrorMessage(ErrorMessages.orNull(result.errorMessage()))
                    .setConfigs(result.configs().stream().map(entry -> entry(entry, version)).toList()));
        }
        return out;
    }

    private static DescribeConfigsResourceResult entry(ConfigEntry entry, short version) {
        DescribeConfigsResourceResult out = new DescribeConfigsResourceResult().setName(entry.name())
                .setValue(entry.value()).setReadOnly(entry.readOnly()).setIsSensitive(entry.sensitive())
                .setConfigSource(entry.source())
                .setSynonyms(entry.synonyms().stream().map(s -> new DescribeConfigsSynonym().setName(s.name())
                        .setValue(s.value()).setSource(s.source())).toList());
        if (version >= 3) {
            out.setConfigType(entry.type()).setDocumentation(entry.documentation());
        }
        return out;
    }
}
