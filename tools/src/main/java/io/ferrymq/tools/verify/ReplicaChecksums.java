package io.ferrymq.tools.verify;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.common.PartitionInfo;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DescribeReplicaChecksumsRequest;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse.PartitionChecksum;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every replica's checksum of each partition over the same committed prefix: the leader is
 * asked first for its checksum up to its own high watermark, then each other replica for its checksum
 * up to the offset the leader covered. A follower whose log does not reach that offset yet
 * ({@code OFFSET_OUT_OF_RANGE}) is asked again until {@code timeout}; one that never gets there is
 * named in {@link Result#unchecked}. Stateless.
 */
final class ReplicaChecksums {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaChecksums.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);

    private ReplicaChecksums() {
    }

    /** The checksums gathered and the replicas that could not be compared. */
    record Result(List<History.ReplicaChecksum> checksums, List<String> unchecked) {
    }

    static Result collect(Admin admin, String topic, Duration timeout, Clock clock) {
        List<History.ReplicaChecksum> sums = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (PartitionInfo p : admin.describeTopics(List.of(topic)).get(topic).partitions()) {
            if (p.leader().isEmpty()) {
                unchecked.add(p.topicPartition() + ": no leader");
                continue;
            }
            int leader = p.leader().getAsInt();
            Optional<PartitionChecksum> onLeader = ask(admin, leader, p.topicPartition(),
                    DescribeReplicaChecksumsRequest.OWN_HIGH_WATERMARK, unchecked);
            if (onLeader.isEmpty()) {
                continue;
            }
            long upTo = onLeader.get().upToOffset();
            sums.add(of(p.topicPartition(), leader, onLeader.get()));
            for (int replica : p.replicas()) {
                if (replica != leader) {
                    awaitChecksum(admin, replica, p.topicPartition(), upTo, timeout, clock, unchecked)
                            .ifPresent(c -> sums.add(of(p.topicPartition(), replica, c)));
                }
            }
        }
        return new Result(sums, unchecked);
    }

    private static Optional<PartitionChecksum> awaitChecksum(Admin admin, int broker, TopicPartition tp, long upTo,
                                                             Duration timeout, Clock clock, List<String> unchecked) {
        long deadline = clock.millis() + timeout.toMillis();
        while (true) {
            List<String> problems = new ArrayList<>();
            Optional<PartitionChecksum> answer = ask(admin, broker, tp, upTo, problems);
            if (answer.isPresent() || clock.millis() > deadline) {
                unchecked.addAll(problems);
                return answer;
            }
            try {
                Thread.sleep(RETRY_BACKOFF.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unchecked.addAll(problems);
                return Optional.empty();
            }
        }
    }

    private static Optional<PartitionChecksum> ask(Admin admin, int broker, TopicPartition tp, long upTo,
                                                   List<String> problems) {
        try {
            PartitionChecksum answer = admin.describeReplicaChecksums(broker, Map.of(tp, upTo)).get(0);
            if (answer.error() == ErrorCode.NONE) {
                return Optional.of(answer);
            }
            problems.add(tp + " on broker " + broker + ": " + answer.error() + " " + answer.errorMessage());
        } catch (RuntimeException e) {
            LOG.info("checksum of {} on broker {}: {}", tp, broker, e.toString());
            problems.add(tp + " on broker " + broker + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static History.ReplicaChecksum of(TopicPartition tp, int broker, PartitionChecksum c) {
        return new History.ReplicaChecksum(tp.partition(), broker, c.upToOffset(), c.checksum());
    }
}
