package io.ferrymq.broker.server;

import com.codahale.metrics.Timer;
import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Records request metrics in {@link BrokerMetrics}: per-API request and queue time, the produce and
 * fetch (consumer and follower) latency timers, and failed produce/fetch requests (any partition
 * answered with an error). {@code Fetch} times consumer fetches, {@code FetchFollower} follower
 * fetches; each request updates one total-time timer once. Message and byte rates are recorded by the
 * replica manager, not here. The per-API timers are resolved once, at construction: a request only updates them.
 *
 * <p>Thread-safe (Dropwizard metrics are; the timer maps are not modified after construction).
 */
public final class RequestMetrics implements RequestObserver {

    private final BrokerMetrics metrics;
    private final Map<ApiKey, Timer> queueTimes = new EnumMap<>(ApiKey.class);
    private final Map<ApiKey, Timer> totalTimes = new EnumMap<>(ApiKey.class);
    private final Timer fetchFollower;
    private final Timer fetchFollowerQueue;

    public RequestMetrics(BrokerMetrics metrics) {
        this.metrics = metrics;
        for (ApiKey key : ApiKey.values()) {
            queueTimes.put(key, metrics.requestQueueTime(apiName(key)));
            totalTimes.put(key, metrics.requestTime(apiName(key)));
        }
        this.fetchFollower = metrics.fetchFollowerRequest();
        this.fetchFollowerQueue = metrics.requestQueueTime(BrokerMetricNames.FETCH_FOLLOWER);
    }

    @Override
    public void onCompleted(RequestContext context, ApiRequest request, long queueNanos, long totalNanos,
                            Optional<ApiResponse> response) {
        ApiKey key = context.apiKey();
        boolean follower = key == ApiKey.FETCH && request instanceof FetchRequest fetch && fetch.isFromFollower();
        (follower ? fetchFollowerQueue : queueTimes.get(key)).update(queueNanos, TimeUnit.NANOSECONDS);
        (follower ? fetchFollower : totalTimes.get(key)).update(totalNanos, TimeUnit.NANOSECONDS);
        if (follower) {
            metrics.recordFollowerFetchPartitions(((FetchRequest) request).partitions().size());
        }
        ApiResponse body = response.orElse(null);
        if (key == ApiKey.PRODUCE && failed(body)) {
            metrics.failedProduceRequests().mark();
        } else if (key == ApiKey.FETCH && failed(body)) {
            metrics.failedFetchRequests().mark();
        }
    }

    private static boolean failed(ApiResponse body) {
        if (body instanceof ErrorResponse || body instanceof CloseConnection) {
            return true;
        }
        if (body instanceof ProduceResponse produce) {
            return produce.hasErrors();
        } else if (body instanceof FetchResponse fetch) {
            if (fetch.error() != ErrorCode.NONE) {
                return true;
            }
            for (FetchResponse.PartitionData p : fetch.partitions()) {
                if (p.error() != ErrorCode.NONE) {
                    return true;
                }
            }
        }
        return false;
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
