package io.ferrymq.it.produce;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse.PartitionResponse;
import io.ferrymq.it.harness.FerryCluster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;

/**
 * One hostile request and everything checked after it (see {@link HostileBatchIT}): the request
 * goes, acks=all, to the partitions' leader over a raw socket; then, collected softly so a run
 * reports every failure: the answer per partition, live brokers, bounded heaps, unchanged log ends
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
    private final List<Readable> acknowledged = new ArrayList<>();

    HostileCase(FerryCluster cluster, ClusterChecks checks, GoodTraffic traffic, Duration timeout) {
        this.cluster = cluster;
        this.checks = checks;
        this.traffic = traffic;
        this.timeout = timeout;
    }

    /**
     * Runs the case on {@code topic}; the records it got acknowledged (the good ones, and those of
     * an accepted payload) are remembered for {@link #checkAcknowledgedReadable(List)}.
     */
    void run(String topic, Map<Integer, Payload> payloads) {
        Map<Integer, Map<Integer, Long>> before = new TreeMap<>();
        payloads.keySet().forEach(p -> before.put(p, checks.logEnds(new TopicPartition(topic, p))));
        int leader = leaderOfAll(topic, payloads);
        checks.resetHeapPeaks();
        RawProduce.Answer answer = RawProduce.send(cluster.broker(leader).address(), request(topic, payloads), timeout);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(answer.failure()).as("failure to answer of leader %d", leader).isEmpty();
        answer.response().ifPresent(response -> checkAnswer(softly, topic, payloads, response));
        checks.checkHeapBounded(softly);
        checks.checkBrokersAlive(softly);
        checkRefusedNotWritten(softly, topic, payloads, before);
        if (cluster.brokers().stream().allMatch(BrokerProcess::isAlive)) {
            payloads.forEach((p, payload) -> goodRecords(softly, new TopicPartition(topic, p),
                    accepted(answer, topic, p, payload), before.get(p).get(leader)));
            checks.checkIsrFull(softly, topic);
        }
        softly.assertAll();
    }

    private void checkRefusedNotWritten(SoftAssertions softly, String topic, Map<Integer, Payload> payloads,
                                        Map<Integer, Map<Integer, Long>> logEndsBefore) {
        payloads.forEach((p, payload) -> {
            if (payload.expected() != ErrorCode.NONE) {
                softly.assertThat(checks.logEnds(new TopicPartition(topic, p)))
                        .as("log end offset of %s-%d on each broker after the refused request", topic, p)
                        .isEqualTo(logEndsBefore.get(p));
            }
        });
    }

    /**
     * Every record acknowledged in earlier {@link #run}s, and {@code alsoThese}, at its offset on
     * every replica and through a consumer.
     */
    void checkAcknowledgedReadable(List<Readable> alsoThese) {
        SoftAssertions softly = new SoftAssertions();
        Stream.concat(acknowledged.stream(), alsoThese.stream()).forEach(r -> checkReadable(softly, r));
        softly.assertAll();
    }

    /** Sends 100 good records and checks them, right after the log end before and the accepted values. */
    private void goodRecords(SoftAssertions softly, TopicPartition tp, List<String> accepted, long logEndBefore) {
        if (!accepted.isEmpty()) {
            acknowledged.add(new Readable(tp, logEndBefore, accepted));
        }
        try {
            Readable good = traffic.send(tp, tp + "-good", GOOD_RECORDS);
            acknowledged.add(good);
            softly.assertThat(good.firstOffset())
                    .as("offset of the first good record on %s: the log end before plus the accepted records", tp)
                    .isEqualTo(logEndBefore + accepted.size());
            checkReadable(softly, new Readable(tp, logEndBefore,
                    Stream.concat(accepted.stream(), good.values().stream()).toList()));
        } catch (AssertionError | RuntimeException e) {
            softly.fail("producing good records to " + tp + " after the hostile request: " + e, e);
        }
    }

    /** The payload's values if the broker answered NONE for its partition, else none. */
    private static List<String> accepted(RawProduce.Answer answer, String topic, int partition, Payload payload) {
        boolean none = answer.response().stream().flatMap(r -> r.partitions().stream())
                .anyMatch(r -> r.topicPartition().equals(new TopicPartition(topic, partition)) && r.error() == ErrorCode.NONE);
        return none ? payload.readable() : List.of();
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
                softly.assertThat(answer.errorMessage()).as("error message for %s", answer.topicPartition())
                        .contains(answer.topicPartition().toString()).contains("batch at position 0");
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
