package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/**
 * Find the broker coordinating each of {@code keys} (group ids when {@code keyType} is {@link #GROUP});
 * Ferry's client asks for one key, Kafka's clients may batch several. Immutable.
 */
public record FindCoordinatorRequest(List<String> keys, byte keyType) implements ApiRequest {

    public static final byte GROUP = 0;

    public FindCoordinatorRequest {
        keys = List.copyOf(keys);
    }

    public static FindCoordinatorRequest forGroup(String groupId) {
        return new FindCoordinatorRequest(List.of(groupId), GROUP);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }
}
