package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Change the configuration of topics and brokers (Kafka's IncrementalAlterConfigs, and its legacy
 * AlterConfigs as {@code replaceAll} resources). Each resource names its type by Kafka's code
 * ({@link Resource#TOPIC}, {@link Resource#BROKER}) and its name. An incremental resource applies its
 * operations to the current overrides; a {@code replaceAll} resource's overrides become exactly its
 * {@link Operation#SET} operations. {@code validateOnly} checks without writing. Immutable.
 */
public record IncrementalAlterConfigsRequest(List<Resource> resources, boolean validateOnly) implements ApiRequest {

    public IncrementalAlterConfigsRequest {
        resources = List.copyOf(resources);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INCREMENTAL_ALTER_CONFIGS;
    }

    /** One resource to change: its type code, its name, whether its ops replace all overrides, the ops. */
    public record Resource(byte type, String name, boolean replaceAll, List<Operation> ops) {
        /** Kafka's {@code ConfigResource.Type.TOPIC}. */
        public static final byte TOPIC = 2;
        /** Kafka's {@code ConfigResource.Type.BROKER}. */
        public static final byte BROKER = 4;

        public Resource {
            Objects.requireNonNull(name, "name");
            ops = List.copyOf(ops);
        }
    }

    /**
     * One change of one key: {@code op} is Kafka's {@code AlterConfigOp.OpType} code ({@link #SET},
     * {@link #DELETE}, {@link #APPEND}, {@link #SUBTRACT}); {@code value} is null for a delete.
     */
    public record Operation(String key, byte op, String value) {
        public static final byte SET = 0;
        public static final byte DELETE = 1;
        public static final byte APPEND = 2;
        public static final byte SUBTRACT = 3;

        public Operation {
            Objects.requireNonNull(key, "key");
        }
    }
}
