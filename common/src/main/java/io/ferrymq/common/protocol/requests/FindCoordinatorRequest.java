package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
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
