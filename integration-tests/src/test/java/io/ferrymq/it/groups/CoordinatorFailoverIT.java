package io.ferrymq.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.internals.group.GroupAdmin;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.FerryCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * kill -9 of the group's coordinator broker while three members keep committing: the group moves to
 * a new coordinator and carries on, every acknowledged commit survives, and the committed offsets an
 * observer reads never go backwards.
 */
class CoordinatorFailoverIT {

    private static final String TOPIC = "commits";
    private static final String GROUP = "failover-group";

    @TempDir
    Path work;

    private final Map<TopicPartition, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> maxAcked = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lastSeen = new HashMap<>();
    private final List<String> backwards = new ArrayList<>();

    @Test
    void theGroupSurvivesItsCoordinatorAndCommittedOffsetsNeverGoBackwards() {
        try (FerryCluster cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3)
                .sessionTimeout(Duration.ofSeconds(4))
                .brokerConfig("group.initial.rebalance.delay.ms", "500")
                .brokerConfig("group.min.session.timeout.ms", "1000").start()) {
            String bootstrap = cluster.bootstrapServers();
            TopicAdmin.createTopic(bootstrap, new TopicSpec(TOPIC, 6, (short) 3, Map.of()), Duration.ofSeconds(30));
            TopicAdmin.awaitFullyReplicated(bootstrap, TOPIC, 6, Duration.ofSeconds(60));
            List<PollingMember> members = new ArrayList<>();
            try (GroupAdmin observer = new GroupAdmin(addresses(bootstrap), GROUP, Duration.ofSeconds(3))) {
                IntStream.range(0, 3).forEach(i -> members.add(PollingMember.start(bootstrap, GROUP, "m" + i, TOPIC, this::commitNext)));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    members.forEach(m -> assertThat(m.assignment()).hasSize(2));
                    assertThat(sample(observer)).hasSize(6);
                });
                int coordinator = observer.coordinator().id();
                Map<TopicPartition, Long> ackedBeforeKill = Map.copyOf(maxAcked);

                cluster.kill9(coordinator);
                long killedAt = System.nanoTime();

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    Map<TopicPartition, Long> committed = sample(observer);
                    ackedBeforeKill.forEach((tp, acked) -> assertThat(committed.get(tp)).as(tp.toString()).isGreaterThan(acked));
                    members.forEach(m -> assertThat(m.assignment()).hasSize(2));
                });
                LoggerFactory.getLogger(CoordinatorFailoverIT.class).info("Commits resumed on every partition {} ms after kill -9 "
                        + "of coordinator {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt), coordinator);
                assertThat(observer.coordinator().id()).isNotEqualTo(coordinator);
                Map<TopicPartition, Long> finalCommitted = sample(observer);
                ackedBeforeKill.forEach((tp, acked) -> assertThat(finalCommitted.get(tp)).isGreaterThanOrEqualTo(acked));
                assertThat(backwards).isEmpty();
            } finally {
                members.forEach(PollingMember::close);
            }
        }
    }

    /** Each commit of a partition uses the next value of a counter shared by all members. */
    private void commitNext(PollingMember member, Set<TopicPartition> owned) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        owned.forEach(tp -> offsets.put(tp, new OffsetAndMetadata(counters.computeIfAbsent(tp, t -> new AtomicLong()).incrementAndGet())));
        member.commit(offsets);
        offsets.forEach((tp, o) -> maxAcked.merge(tp, o.offset(), Math::max));
    }

    /** Reads the committed offsets (empty on error) and records any partition whose offset decreased. */
    private Map<TopicPartition, Long> sample(GroupAdmin observer) {
        Map<TopicPartition, Long> committed;
        try {
            committed = observer.committedOffsets();
        } catch (RuntimeException e) {
            return Map.of();
        }
        committed.forEach((tp, offset) -> {
            Long previous = lastSeen.put(tp, offset);
            if (previous != null && offset < previous) {
                backwards.add(tp + " went from " + previous + " to " + offset);
            }
        });
        return committed;
    }

    private static List<BrokerAddress> addresses(String bootstrap) {
        return Arrays.stream(bootstrap.split(",")).map(BrokerAddress::parse).toList();
    }
}
