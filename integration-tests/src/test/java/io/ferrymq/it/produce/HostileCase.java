package io.ferrymq.it.produce;

import io.ferrymq.client.common.TopicPartition;
import io.ferrymq.client.protocol.ErrorCode;
import io.ferrymq.client.protocol.RecordSource;
import io.ferrymq.client.protocol.requests.ProduceRequest;
import io.ferrymq.client.protocol.responses.ProduceResponse;
import io.ferrymq.client.protocol.responses.ProduceResponse.PartitionResponse;
import io.ferrymq.it.harness.FerryCluster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;

/**
 * One hostile request and everything checked after it (see {@link HostileBatchIT}): the request
 * goes, acks=all, to the partitions' leader over a raw socket; then, collected softly so a run
 * reports every failure, the answer per partition, live brokers, bounded heaps, unchanged log ends
 * of refused partitions on every replica, and — if every broker still runs — 100 good records
 * right after what was there before, on every replica and through a consumer, and a full ISR.
 * Not thread-safe.
 */
final class HostileCase {

    /** One partition's bytes in the request, the error expected for it and the values it should make readable. */
    record Payload(ByteBuffer bytes, ErrorCode expected, List<String> readable) {
        static Payload refused(ByteBuffer bytes, ErrorCode expected) {
            return new Payload(bytes, expected, List.of());
        }

        static Payload accepted(ByteBuffer bytes, List<String> values) {
            return new Payload(bytes, ErrorCode.NONE, values);
        }
    }

    private static final int GOOD_RECORDS = 100;

    private final FerryCluster cluster;
    private final ClusterChecks checks;
    private final GoodTraffic traffic;
    private final Duration timeout;

    HostileCase(FerryCluster cluster, ClusterChecks checks, GoodTraffic traffic, Duration timeout) {
        this.cluster = cluster;
        this.checks = checks;
        this.traffic = traffic;
        this.timeout = timeout;
    }

    /** Runs the case on {@code topic}; returns the records it found readable (for later re-reads). */
    List<Readable> run(String topic, Map<Integer, Payload> payloads) {
        Map<Integer, Map<Integer, Long>> before = new TreeMap<>();
        payloads.keySet().forEach(p -> before.put(p, checks.logEnds(new TopicPartition(topic, p))));
        int leader = leaderOfAll(topic, payloads);
        checks.resetHeapPeaks();
        RawProduce.Answer answer = RawProduce.send(cluster.broker(leader).address(), request(topic, payloads), timeout);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(answer.failure()).as("failure to answer of leader %d", leader).isEmpty();
        answer.response().ifPresent(response -> checkAnswer(softly, topic, payloads, response));
        checks.checkBrokersAlive(softly);
        checks.checkHeapBounded(softly);
        payloads.forEach((p, payload) -> {
            if (payload.expected() != ErrorCode.NONE) {
                softly.assertThat(checks.logEnds(new TopicPartition(topic, p)))
                        .as("log end offset of %s-%d on each broker after the refused batch", topic, p)
                        .isEqualTo(before.get(p));
            }
        });
        List<Readable> readable = new ArrayList<>();
        if (cluster.brokers().stream().allMatch(b -> b.isAlive())) {
            payloads.forEach((p, payload) -> goodRecords(softly, new TopicPartition(topic, p), payload,
                    before.get(p).get(leader)).ifPresent(readable::add));
            checks.checkIsrFull(softly, topic);
        }
        softly.assertAll();
        return readable;
    }

    /** Every record of {@code expected}, on every replica and through a consumer. */
    void checkReadable(List<Readable> expected) {
        SoftAssertions softly = new SoftAssertions();
        for (Readable r : expected) {
            checkReadable(softly, r);
        }
        softly.assertAll();
    }

    private Optional<Readable> goodRecords(SoftAssertions softly, TopicPartition tp, Payload payload,
                                                     long logEndBefore) {
        try {
            Readable good = traffic.send(tp, tp + "-good", GOOD_RECORDS);
            softly.assertThat(good.firstOffset())
                    .as("offset of the first good record on %s: the log end before plus the accepted records", tp)
                    .isEqualTo(logEndBefore + payload.readable().size());
            Readable all = new Readable(tp, logEndBefore,
                    Stream.concat(payload.readable().stream(), good.values().stream()).toList());
            checkReadable(softly, all);
            return Optional.of(all);
        } catch (AssertionError | RuntimeException e) {
            softly.fail("producing good records to " + tp + " after the hostile request: " + e, e);
            return Optional.empty();
        }
    }

    private void checkReadable(SoftAssertions softly, Readable r) {
        checks.checkEveryReplicaHolds(softly, r);
        try {
            softly.assertThat(traffic.read(r)).as("a consumer reading %s from offset %d", r.partition(), r.firstOffset())
                    .isEqualTo(r.described());
        } catch (RuntimeException e) {
            softly.fail("a consumer reading " + r.partition() + " from offset " + r.firstOffset() + ": " + e, e);
        }
    }

    private static void checkAnswer(SoftAssertions softly, String topic, Map<Integer, Payload> payloads,
                                    ProduceResponse response) {
        softly.assertThat(response.partitions()).extracting(PartitionResponse::topicPartition)
                .containsExactlyInAnyOrderElementsOf(payloads.keySet().stream().map(p -> new TopicPartition(topic, p)).toList());
        for (PartitionResponse answer : response.partitions()) {
            Payload payload = payloads.get(answer.topicPartition().partition());
            softly.assertThat(answer.error()).as("error for %s (message '%s')", answer.topicPartition(),
                    answer.errorMessage()).isEqualTo(payload.expected());
            if (payload.expected() != ErrorCode.NONE) {
                softly.assertThat(answer.errorMessage()).as("error message for %s", answer.topicPartition()).isNotBlank();
            }
        }
    }

    private int leaderOfAll(String topic, Map<Integer, Payload> payloads) {
        List<Integer> leaders = payloads.keySet().stream()
                .map(p -> cluster.awaitLeader(new TopicPartition(topic, p), timeout)).distinct().toList();
        if (leaders.size() != 1) {
            throw new AssertionError("the partitions of one request must share a leader, found " + leaders);
        }
        return leaders.get(0);
    }

    private static ProduceRequest request(String topic, Map<Integer, Payload> payloads) {
        List<ProduceRequest.PartitionData> data = new ArrayList<>();
        new TreeMap<>(payloads).forEach((p, payload) -> data.add(
                new ProduceRequest.PartitionData(new TopicPartition(topic, p), RecordSource.of(payload.bytes()))));
        return new ProduceRequest((short) -1, 30_000, data);
    }
}
