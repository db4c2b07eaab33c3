package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Meter;
import com.codahale.metrics.Timer;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.ErrorResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

    private static final TopicPartition TP = new TopicPartition("t", 0);

    private final BrokerMetrics metrics = new BrokerMetrics();
    private final RequestMetrics requestMetrics = new RequestMetrics(metrics);

    @Test
    void eachRequestUpdatesItsApiTimersOnce() {
        complete(ApiKey.PRODUCE, new ProduceRequest((short) -1, 1000, List.of()), ok(ErrorCode.NONE));
        complete(ApiKey.FETCH, fetch(FetchRequest.CONSUMER_REPLICA_ID), new FetchResponse(ErrorCode.NONE, List.of()));
        complete(ApiKey.FETCH, fetch(2), new FetchResponse(ErrorCode.NONE, List.of()));
        complete(ApiKey.FETCH, fetch(2), new FetchResponse(ErrorCode.NONE, List.of()));

        assertThat(totalTime("Produce").getCount()).isEqualTo(1);
        assertThat(totalTime("Fetch").getCount()).isEqualTo(1);
        assertThat(totalTime("FetchFollower").getCount()).isEqualTo(2);
        assertThat(timer("RequestMetrics.RequestQueueTimeMs{request=Fetch}").getCount()).isEqualTo(1);
        assertThat(timer("RequestMetrics.RequestQueueTimeMs{request=FetchFollower}").getCount()).isEqualTo(2);
        assertThat(totalTime("Metadata").getCount()).isZero();
        assertThat(meter("FailedProduceRequestsPerSec").getCount()).isZero();
        assertThat(meter("FailedFetchRequestsPerSec").getCount()).isZero();
    }

    @Test
    void aPartitionErrorOrAnErrorResponseCountsAsAFailedRequest() {
        complete(ApiKey.PRODUCE, new ProduceRequest((short) 1, 1000, List.of()), ok(ErrorCode.NOT_LEADER_OR_FOLLOWER));
        complete(ApiKey.PRODUCE, new ProduceRequest((short) 1, 1000, List.of()),
                new ErrorResponse(ErrorCode.CORRUPT_MESSAGE, "bad"));
        complete(ApiKey.FETCH, fetch(FetchRequest.CONSUMER_REPLICA_ID),
                new FetchResponse(ErrorCode.UNKNOWN_SERVER_ERROR, List.of()));

        assertThat(meter("FailedProduceRequestsPerSec").getCount()).isEqualTo(2);
        assertThat(meter("FailedFetchRequestsPerSec").getCount()).isEqualTo(1);
    }

    @Test
    void followerFetchesRecordHowManyPartitionsTheyNamedConsumerFetchesDoNot() {
        FetchRequest full = new FetchRequest(2, 500, 1, 1 << 20, List.of(
                new FetchRequest.PartitionData(TP, 0, 1, 100), new FetchRequest.PartitionData(new TopicPartition("t", 1), 0, 1, 100)),
                FetchRequest.NO_SESSION_ID, FetchRequest.INITIAL_EPOCH, List.of());
        complete(ApiKey.FETCH, full, new FetchResponse(ErrorCode.NONE, List.of(), 9));
        assertThat(metrics.registry().getGauges().get("RequestMetrics.LastRequestPartitions{request=FetchFollower}")
                .getValue()).isEqualTo(2);

        complete(ApiKey.FETCH, new FetchRequest(2, 500, 1, 1 << 20, List.of(), 9, 1, List.of()),
                new FetchResponse(ErrorCode.NONE, List.of(), 9));
        complete(ApiKey.FETCH, new FetchRequest(FetchRequest.CONSUMER_REPLICA_ID, 500, 1, 1 << 20, List.of(
                new FetchRequest.PartitionData(TP, 0, 1, 100))), new FetchResponse(ErrorCode.NONE, List.of()));

        assertThat(metrics.registry().getGauges().get("RequestMetrics.LastRequestPartitions{request=FetchFollower}")
                .getValue()).isEqualTo(0);
        com.codahale.metrics.Histogram partitions = metrics.registry().getHistograms()
                .get("RequestMetrics.RequestPartitions{request=FetchFollower}");
        assertThat(partitions.getCount()).isEqualTo(2);
        assertThat(partitions.getSnapshot().getMax()).isEqualTo(2);
    }

    private void complete(ApiKey key, ApiRequest request, ApiResponse response) {
        RequestContext context = new RequestContext(key, (short) 0, 1, "test",
                InetSocketAddress.createUnresolved("127.0.0.1", 1));
        requestMetrics.onCompleted(context, request, 1_000, 2_000_000, Optional.of(response));
    }

    private static ProduceResponse ok(ErrorCode error) {
        return new ProduceResponse(List.of(new ProduceResponse.PartitionResponse(TP, error, "", 0, -1, 0)));
    }

    private static FetchRequest fetch(int replicaId) {
        return new FetchRequest(replicaId, 500, 1, 1 << 20, List.of());
    }

    private Timer totalTime(String request) {
        return timer("RequestMetrics.TotalTimeMs{request=" + request + "}");
    }

    private Timer timer(String name) {
        return metrics.registry().getTimers().get(name);
    }

    private Meter meter(String name) {
        return metrics.registry().getMeters().get("BrokerTopicMetrics." + name);
    }
}
