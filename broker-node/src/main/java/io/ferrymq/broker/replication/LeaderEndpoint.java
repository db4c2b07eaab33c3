package io.ferrymq.broker.replication;

import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A follower's connection to one leader broker: the two requests replication sends. A future fails
 * when the connection breaks or the request times out; the fetcher then closes this endpoint and
 * opens a new one after a back-off.
 *
 * <p>Implementations are thread-safe; one fetcher thread uses each.
 */
public interface LeaderEndpoint extends AutoCloseable {

    CompletableFuture<FetchResponse> fetch(FetchRequest request);

    CompletableFuture<OffsetsForLeaderEpochResponse> offsetsForLeaderEpoch(OffsetsForLeaderEpochRequest request);

    @Override
    void close();
}
