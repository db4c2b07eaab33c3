package io.ferrymq.client.admin;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin client's side of DescribeConfigs and IncrementalAlterConfigs: requests built from
 * {@link ConfigResource}s and {@link AlterConfigOp}s, responses turned into {@link ConfigEntry}s or the
 * first error naming its resource. Stateless; thread-safe.
 */
final class ConfigRequests {

    private ConfigRequests() {
    }

    static DescribeConfigsRequest describe(Collection<ConfigResource> resources) {
        return new DescribeConfigsRequest(resources.stream().map(r -> new DescribeConfigsRequest.Resource(
                r.type().code(), r.name(), List.of())).toList(), false, false);
    }

    static Map<ConfigResource, List<ConfigEntry>> described(DescribeConfigsResponse response) {
        Map<ConfigResource, List<ConfigEntry>> out = new LinkedHashMap<>();
        for (DescribeConfigsResponse.ResourceResult result : response.results()) {
            ConfigResource resource = resource(result.type(), result.name());
            FerryAdmin.check(result.error(), "Cannot describe the configs of " + resource, result.errorMessage());
            out.put(resource, result.configs().stream().map(e -> new ConfigEntry(e.name(),
                    Optional.ofNullable(e.value()), ConfigEntry.Source.of(e.source()), e.readOnly(), e.sensitive()))
                    .toList());
        }
        return out;
    }

    static IncrementalAlterConfigsRequest alter(Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes) {
        return new IncrementalAlterConfigsRequest(changes.entrySet().stream().map(change ->
                new IncrementalAlterConfigsRequest.Resource(change.getKey().type().code(), change.getKey().name(), false,
                        change.getValue().stream().map(op -> new IncrementalAlterConfigsRequest.Operation(op.key(),
                                op.op().code(), op.value())).toList())).toList(), false);
    }

    static void checkAltered(IncrementalAlterConfigsResponse response) {
        for (IncrementalAlterConfigsResponse.ResourceResult result : response.results()) {
            FerryAdmin.check(result.error(), "Cannot alter the configs of " + resource(result.type(), result.name()),
                    result.errorMessage());
        }
    }

    private static ConfigResource resource(byte type, String name) {
        for (ConfigResource.Type candidate : ConfigResource.Type.values()) {
            if (candidate.code() == type) {
                return new ConfigResource(candidate, name);
            }
        }
        throw ErrorCode.UNKNOWN_SERVER_ERROR.exception("a config response names unknown resource type " + type);
    }
}
