package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Describe the configuration of topics and brokers (Kafka's DescribeConfigs). Each resource names its
 * type by Kafka's code ({@link Resource#TOPIC}, {@link Resource#BROKER}; a broker by its id, or "" for
 * the cluster-wide dynamic defaults) and the keys wanted (empty = every key). {@code includeSynonyms}
 * adds, per entry, every place its value could come from, highest precedence first;
 * {@code includeDocumentation} adds each key's documentation. Immutable.
 */
public record DescribeConfigsRequest(List<Resource> resources, boolean includeSynonyms, boolean includeDocumentation)
        implements ApiRequest {

    public DescribeConfigsRequest {
        resources = List.copyOf(resources);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_CONFIGS;
    }

    /** One resource to describe: its type code, its name, and the keys wanted (empty = all). */
    public record Resource(byte type, String name, List<String> configNames) {
        /** Kafka's {@code ConfigResource.Type.TOPIC}. */
        public static final byte TOPIC = 2;
        /** Kafka's {@code ConfigResource.Type.BROKER}. */
        public static final byte BROKER = 4;

        public Resource {
            Objects.requireNonNull(name, "name");
            configNames = List.copyOf(configNames);
        }
    }
}
