package io.ferrymq.broker.server;

import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.client.protocol.ApiKey;
import io.ferrymq.client.protocol.ApiRequest;
import io.ferrymq.client.protocol.ApiResponse;
import io.ferrymq.client.protocol.ErrorCode;
import io.ferrymq.client.protocol.requests.FetchRequest;
import io.ferrymq.client.protocol.responses.ErrorResponse;
import io.ferrymq.client.protocol.responses.FetchResponse;
import io.ferrymq.client.protocol.responses.ProduceResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Records request metrics in {@link BrokerMetrics}: per-API request and queue time, the produce and
 * fetch (consumer and follower) latency timers, and failed produce/fetch requests (any partition
 * answered with an error). Message and byte rates are recorded by the replica manager, not here.
 *
 * <p>Thread-safe (Dropwizard metrics are).
 */
public final class RequestMetrics implements RequestObserver {

    private final BrokerMetrics metrics;

    public RequestMetrics(BrokerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onCompleted(RequestContext context, ApiRequest request, long queueNanos, long totalNanos,
                            Optional<ApiResponse> response) {
        String api = apiName(context.apiKey());
        metrics.requestQueueTime(api).update(queueNanos, TimeUnit.NANOSECONDS);
        metrics.requestTime(api).update(totalNanos, TimeUnit.NANOSECONDS);
        ApiResponse body = response.orElse(null);
        if (context.apiKey() == ApiKey.PRODUCE) {
            metrics.produceRequest().update(totalNanos, TimeUnit.NANOSECONDS);
            if (body instanceof ErrorResponse || body instanceof ProduceResponse produce && produce.partitions().stream()
                    .anyMatch(p -> p.error() != ErrorCode.NONE)) {
                metrics.failedProduceRequests().mark();
            }
        } else if (context.apiKey() == ApiKey.FETCH) {
            boolean follower = request instanceof FetchRequest fetchRequest && fetchRequest.isFromFollower();
            (follower ? metrics.fetchFollowerRequest() : metrics.fetchRequest()).update(totalNanos, TimeUnit.NANOSECONDS);
            if (body instanceof ErrorResponse || body instanceof FetchResponse fetch && (fetch.error() != ErrorCode.NONE
                    || fetch.partitions().stream().anyMatch(p -> p.error() != ErrorCode.NONE))) {
                metrics.failedFetchRequests().mark();
            }
        }
    }

    /** Kafka's request names: PRODUCE -> Produce, LIST_OFFSETS -> ListOffsets. */
    static String apiName(ApiKey key) {
        StringBuilder name = new StringBuilder();
        for (String word : key.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }
}
