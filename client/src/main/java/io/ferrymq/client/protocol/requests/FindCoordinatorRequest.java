package io.ferrymq.client.protocol.requests;

import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiRequest;
import java.util.Objects;

/** Find the broker coordinating {@code key} (a group id when {@code keyType} is {@link #GROUP}). Immutable. */
public record FindCoordinatorRequest(String key, byte keyType) implements ApiRequest {

    public static final byte GROUP = 0;

    public FindCoordinatorRequest {
        Objects.requireNonNull(key, "key");
    }

    public static FindCoordinatorRequest forGroup(String groupId) {
        return new FindCoordinatorRequest(groupId, GROUP);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FIND_COORDINATOR;
    }
}
