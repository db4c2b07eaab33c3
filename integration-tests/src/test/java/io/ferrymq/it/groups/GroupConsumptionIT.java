package io.ferrymq.it.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Consumer groups end to end on one 3-broker cluster: members share partitions 2/2/2 with one owner
 * at a time, two groups each get every message, and a member killed with SIGKILL loses its
 * partitions to the others within the session timeout while every message is still consumed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupConsumptionIT {

    private static final int SESSION_MS = 3_000;

    @TempDir
    static Path work;

    private FerryCluster cluster;
    private String bootstrap;

    @BeforeAll
    void startCluster() {
        cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3)
                .brokerConfig("group.initial.rebalance.delay.ms", "1000")
                .brokerConfig("group.min.session.timeout.ms", "1000").start();
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeMembersOnSixPartitionsGetTwoEachAndEveryPartitionHasOneOwnerAtATime() throws Exception {
        Set<String> produced = createAndProduce("shared", 6, 600);
        OwnershipLog ownership = new OwnershipLog();
        List<ConsumerThread> members = new ArrayList<>();
        try {
            IntStream.range(0, 3).forEach(i -> members.add(new ConsumerThread(bootstrap, "g-shared", "c" + i, "shared", ownership)));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Set<String> consumed = new HashSet<>();
                members.forEach(m -> consumed.addAll(m.values()));
                assertThat(consumed).containsAll(produced);
                members.forEach(m -> assertThat(m.assignment()).hasSize(2));
            });
            Set<TopicPartition> union = new TreeSet<>();
            members.forEach(m -> union.addAll(m.assignment()));
            assertThat(union).hasSize(6);
            assertThat(ownership.violations()).isEmpty();
        } finally {
            members.forEach(ConsumerThread::close);
        }
        assertThat(ownership.violations()).isEmpty();
    }

    @Test
    void twoGroupsOnOneTopicEachConsumeEveryMessage() throws Exception {
        Set<String> produced = createAndProduce("fanout", 3, 300);
        OwnershipLog ownership = new OwnershipLog();
        List<ConsumerThread> groupA = List.of(new ConsumerThread(bootstrap, "g-a", "a0", "fanout", ownership));
        List<ConsumerThread> groupB = List.of(new ConsumerThread(bootstrap, "g-b", "b0", "fanout", ownership),
                new ConsumerThread(bootstrap, "g-b", "b1", "fanout", ownership));
        try {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(union(groupA)).containsAll(produced);
                assertThat(union(groupB)).containsAll(produced);
            });
        } finally {
            groupA.forEach(ConsumerThread::close);
            groupB.forEach(ConsumerThread::close);
        }
    }

    @Test
    void aKilledMembersPartitionsMoveAndEveryMessageIsConsumedAtLeastOnce() throws Exception {
        String topic = "kill";
        createAndProduce(topic, 6, 0);
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                processes.add(FerryLauncher.start(work, "vc" + i, List.of("verifiable-consumer", "--bootstrap-server", bootstrap,
                        "--group", "g-kill", "--topic", topic, "--session-timeout-ms", String.valueOf(SESSION_MS))));
            }
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> IntStream.range(0, 3)
                    .forEach(i -> assertThat(output(i).assignment).hasSize(2)));
            produce(topic, 6, 0, 300);
            await().atMost(Duration.ofSeconds(60)).until(() -> IntStream.range(0, 3).mapToLong(i -> output(i).consumedCount()).sum() >= 300);

            VerifiableOutput killed = output(0);
            processes.get(0).destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            produce(topic, 6, 300, 300);
            await().atMost(Duration.ofMillis(SESSION_MS).plusSeconds(30)).untilAsserted(() -> {
                assertThat(output(1).assignment.size() + output(2).assignment.size()).isEqualTo(6);
                assertThat(output(1).assignment).doesNotContainAnyElementsOf(output(2).assignment);
            });
            LoggerFactory.getLogger(GroupConsumptionIT.class).info("Partitions of the killed member moved {} ms after kill -9 "
                    + "(session.timeout.ms={})", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt), SESSION_MS);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(everyOffsetConsumed(topic, 600)).isEmpty());
            assertThat(duplicatesOutsideUncommittedWindow(killed)).isEmpty();
        } finally {
            processes.forEach(p -> FerryLauncher.stop(p, Duration.ofSeconds(20)));
        }
    }

    /** Offsets 0..perPartition-1 of each partition that no process consumed. */
    private List<String> everyOffsetConsumed(String topic, int total) {
        Map<TopicPartition, Set<Long>> seen = new HashMap<>();
        IntStream.range(0, 3).mapToObj(this::output).forEach(o ->
                o.consumed.forEach((tp, offsets) -> seen.computeIfAbsent(tp, t -> new HashSet<>()).addAll(offsets)));
        List<String> missing = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            Set<Long> offsets = seen.getOrDefault(new TopicPartition(topic, p), Set.of());
            for (long o = 0; o < total / 6; o++) {
                if (!offsets.contains(o)) {
                    missing.add(topic + "-" + p + "@" + o);
                }
            }
        }
        return missing;
    }

    /** Offsets consumed twice must belong to the killed member's partitions, at or after its last commit. */
    private List<String> duplicatesOutsideUncommittedWindow(VerifiableOutput killedBefore) {
        VerifiableOutput killed = output(0);
        Map<TopicPartition, Map<Long, Integer>> counts = new HashMap<>();
        IntStream.range(0, 3).mapToObj(this::output).forEach(o -> o.consumed.forEach((tp, offsets) ->
                offsets.forEach(off -> counts.computeIfAbsent(tp, t -> new HashMap<>()).merge(off, 1, Integer::sum))));
        List<String> bad = new ArrayList<>();
        counts.forEach((tp, byOffset) -> byOffset.forEach((offset, n) -> {
            long committedByKilled = killed.committed.getOrDefault(tp, -1L);
            boolean inWindow = killedBefore.assignment.contains(tp) && committedByKilled >= 0 ? offset >= committedByKilled
                    : killedBefore.assignment.contains(tp);
            if (n > 1 && !inWindow) {
                bad.add(tp + "@" + offset + " consumed " + n + " times");
            }
        }));
        return bad;
    }

    private VerifiableOutput output(int i) {
        return VerifiableOutput.read(work.resolve("vc" + i + ".out"));
    }

    private Set<String> createAndProduce(String topic, int partitions, int count) throws Exception {
        TopicAdmin.createTopic(bootstrap, new TopicSpec(topic, partitions, (short) 3, Map.of()), Duration.ofSeconds(30));
        TopicAdmin.awaitFullyReplicated(bootstrap, topic, partitions, Duration.ofSeconds(60));
        return produce(topic, partitions, 0, count);
    }

    private Set<String> produce(String topic, int partitions, int from, int count) throws Exception {
        Set<String> values = new HashSet<>();
        try (FerryProducer<String, String> producer = new FerryProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                String value = topic + "-" + i;
                values.add(value);
                sent.add(producer.send(new ProducerRecord<>(topic, i % partitions, "k" + i, value)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        return values;
    }

    private static Set<String> union(List<ConsumerThread> members) {
        Set<String> all = new HashSet<>();
        members.forEach(m -> all.addAll(m.values()));
        return all;
    }
}
