package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.Optional;

/**
 * Learns how each request went, for metrics: time queued before a request thread took it, total
 * time until the response was ready, and the response (empty for acks=0). Called on whatever thread
 * completed the request; implementations must be cheap and thread-safe.
 */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (context, request, queueNanos, totalNanos, response) -> {
    };

    void onCompleted(RequestContext context, ApiRequest request, long queueNanos, long totalNanos,
                     Optional<ApiResponse> response);
}
