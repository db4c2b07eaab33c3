package io.ferrymq.coordinator.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ferry's latch recipe ({@link PartitionLatch}) against a real ZooKeeper: order, hand-over, outside deletion, close. */
class PartitionLatchIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String FOLDER = "/latch-it";

    private TestingServer server;
    private ZkClient client;
    private final List<ScheduledThreadPoolExecutor> threads = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        client = ZkTesting.connect(server);
        client.curator().create().forPath(FOLDER);
    }

    @AfterEach
    void stop() throws Exception {
        threads.forEach(ScheduledThreadPoolExecutor::shutdownNow);
        client.close();
        server.close();
    }

    /** A participant: the latch plus what its listener heard, all on its own election thread. */
    private final class Participant implements PartitionLatch.Listener {
        final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        final ElectorContext context;
        PartitionLatch latch;

        Participant(int brokerId) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "latch-it-" + brokerId);
                thread.set(t);
                return t;
            });
            threads.add(executor);
            context = new ElectorContext(client.curator(), null, ElectionConfig.of(brokerId, false), null, executor,
                    new AtomicLong(), thread);
            onThread(() -> {
                latch = new PartitionLatch(context, FOLDER, this);
                latch.start();
            });
        }

        void onThread(Runnable action) {
            onThread(() -> {
                action.run();
                return null;
            });
        }

        /** Reads the latch on its own thread, which it is confined to. */
        <T> T onThread(java.util.concurrent.Callable<T> read) {
            try {
                return context.executor().submit(read).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        boolean leads() {
            return onThread(() -> latch.hasLeadership());
        }

        boolean created() {
            return onThread(() -> latch.ourPath() != null);
        }

        String node() {
            return onThread(() -> latch.ourPath());
        }

        void close() {
            onThread(() -> latch.close());
        }

        @Override
        public void isLeader() {
            heard.add("leader");
        }

        @Override
        public void notLeader() {
            heard.add("not leader");
        }

        @Override
        public void failed(Exception cause) {
            heard.add("failed: " + cause.getMessage());
        }
    }

    private List<String> children() throws Exception {
        return client.curator().getChildren().forPath(FOLDER);
    }

    /** Brokers 1, 2 and 3 join in that order; 1 leads. */
    private Participant[] queueOfThree() {
        Participant first = new Participant(1);
        await().atMost(WAIT).until(first::leads);
        Participant second = new Participant(2);
        await().atMost(WAIT).until(second::created);
        Participant third = new Participant(3);
        await().atMost(WAIT).until(third::created);
        return new Participant[] {first, second, third};
    }

    @Test
    void theOldestNodeLeadsAndEachLeaderHandsOverToTheNextInLine() throws Exception {
        Participant[] queue = queueOfThree();
        Participant first = queue[0];
        Participant second = queue[1];
        Participant third = queue[2];

        assertThat(second.leads()).isFalse();
        assertThat(third.leads()).isFalse();
        assertThat(children()).hasSize(3).allSatisfy(node -> assertThat(node).contains(PartitionLatch.NODE_INFIX));
        assertThat(new String(client.curator().getData().forPath(second.node()), StandardCharsets.UTF_8)).isEqualTo("2");

        first.close();
        await().atMost(WAIT).until(second::leads);
        assertThat(third.leads()).isFalse();
        assertThat(first.heard).containsExactly("leader");

        second.close();
        await().atMost(WAIT).until(third::leads);
        assertThat(children()).hasSize(1);
        assertThat(third.heard).containsExactly("leader");
    }

    @Test
    void aNodeAheadLeavingOutOfOrderDoesNotMakeTheLastOneLeader() throws Exception {
        Participant[] queue = queueOfThree();
        Participant first = queue[0];
        Participant second = queue[1];
        Participant third = queue[2];

        second.close();
        await().atMost(WAIT).until(() -> children().size() == 2);
        first.close();
        await().atMost(WAIT).until(third::leads);
        assertThat(third.heard).containsExactly("leader");
    }

    @Test
    void aLeaderWhoseNodeIsDeletedFromOutsideLosesLeadershipAndIsToldTheLatchFailed() throws Exception {
        Participant first = new Participant(1);
        await().atMost(WAIT).until(first::leads);
        Participant second = new Participant(2);
        await().atMost(WAIT).until(second::created);

        client.curator().delete().forPath(first.node());

        await().atMost(WAIT).until(second::leads);
        await().atMost(WAIT).until(() -> first.heard.size() == 3);
        assertThat(first.heard.get(0)).isEqualTo("leader");
        assertThat(first.heard.get(1)).isEqualTo("not leader");
        assertThat(first.heard.get(2)).startsWith("failed: ").contains("vanished");
    }

    @Test
    void closingRightAfterStartLeavesNoNodeBehindWhenTheCreateIsAnsweredLate() throws Exception {
        Participant early = new Participant(1);
        early.close();
        Participant later = new Participant(2);
        await().atMost(WAIT).until(later::leads);
        await().atMost(WAIT).until(() -> children().size() == 1);
        assertThat(children()).singleElement().isEqualTo(later.node().substring(FOLDER.length() + 1));
    }

    @Test
    void nodesOfOtherRecipesAreQueuedByTheirSequenceNumber() throws Exception {
        String foreign = client.curator().create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(FOLDER + "/_c_0b8f2d6e-latch-", "9".getBytes(StandardCharsets.UTF_8));
        Participant ours = new Participant(1);
        await().atMost(WAIT).until(ours::created);
        assertThat(ours.leads()).isFalse();

        client.curator().delete().forPath(foreign);
        await().atMost(WAIT).until(ours::leads);
    }
}
