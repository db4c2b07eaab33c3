package io.ferrymq.coordinator.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two "brokers" (two ZooKeeper sessions) claiming producer id blocks on a real embedded ZooKeeper:
 * concurrent claims race on the versioned write and still never overlap.
 */
class ZkProducerIdStoreIT {

    private static final int THREADS_PER_BROKER = 4;

    private TestingServer server;
    private ZkClient brokerOne;
    private ZkClient brokerTwo;
    private ExecutorService threads;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        brokerOne = ZkTesting.connect(server);
        brokerTwo = ZkTesting.connect(server);
        threads = Executors.newFixedThreadPool(2 * THREADS_PER_BROKER);
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        brokerOne.close();
        brokerTwo.close();
        server.close();
    }

    @Test
    void theFirstClaimCreatesTheNodeAndLaterClaimsFollowIt() throws Exception {
        ZkProducerIdStore one = new ZkProducerIdStore(brokerOne.curator());
        ZkProducerIdStore two = new ZkProducerIdStore(brokerTwo.curator());
        assertThat(one.claimNextBlock(1)).isEqualTo(new ProducerIdBlock(1, 0, 999));
        assertThat(two.claimNextBlock(2)).isEqualTo(new ProducerIdBlock(2, 1000, 1999));
        String json = new String(brokerOne.curator().getData().forPath(ZkPaths.LATEST_PRODUCER_ID_BLOCK),
                StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"version\":1,\"broker\":2,\"block_start\":1000,\"block_end\":1999}");
    }

    @Test
    void concurrentClaimsFromTwoBrokersNeverOverlapAndLeaveNoGap() throws Exception {
        int claimsPerThread = 15;
        List<Callable<List<ProducerIdBlock>>> work = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < THREADS_PER_BROKER; i++) {
            work.add(claims(new ZkProducerIdStore(brokerOne.curator()), 1, claimsPerThread, go));
            work.add(claims(new ZkProducerIdStore(brokerTwo.curator()), 2, claimsPerThread, go));
        }
        List<Future<List<ProducerIdBlock>>> futures = new ArrayList<>();
        work.forEach(task -> futures.add(threads.submit(task)));
        go.countDown();
        List<Long> firstIds = new ArrayList<>();
        for (Future<List<ProducerIdBlock>> future : futures) {
            future.get(60, TimeUnit.SECONDS).forEach(block -> firstIds.add(block.firstId()));
        }
        int blocks = 2 * THREADS_PER_BROKER * claimsPerThread;
        assertThat(firstIds).containsExactlyInAnyOrderElementsOf(
                LongStream.range(0, blocks).map(i -> i * ProducerIdBlocks.BLOCK_SIZE).boxed().toList());
    }

    @Test
    void managersOnTwoBrokersAllocatingConcurrentlyNeverHandOutTheSameId() throws Exception {
        ProducerIdManager one = new ProducerIdManager(1, new ZkProducerIdStore(brokerOne.curator()));
        ProducerIdManager two = new ProducerIdManager(2, new ZkProducerIdStore(brokerTwo.curator()));
        int idsPerThread = 2_500;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS_PER_BROKER; i++) {
            futures.add(threads.submit(ids(one, idsPerThread, go)));
            futures.add(threads.submit(ids(two, idsPerThread, go)));
        }
        go.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get(60, TimeUnit.SECONDS));
        }
        assertThat(all).hasSize(2 * THREADS_PER_BROKER * idsPerThread).doesNotHaveDuplicates();
        assertThat(all).allMatch(id -> id >= 0);
    }

    @Test
    void anUnreadableNodeFailsTheClaimNamingTheNode() throws Exception {
        brokerOne.curator().create().forPath(ZkPaths.LATEST_PRODUCER_ID_BLOCK,
                "{\"version\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new ZkProducerIdStore(brokerOne.curator()).claimNextBlock(1))
                .isInstanceOf(CoordinatorException.class).hasMessageContaining(ZkPaths.LATEST_PRODUCER_ID_BLOCK);
    }

    private static Callable<List<ProducerIdBlock>> claims(ProducerIdStore store, int brokerId, int count,
                                                          CountDownLatch go) {
        return () -> {
            assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
            List<ProducerIdBlock> blocks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                blocks.add(store.claimNextBlock(brokerId));
            }
            return blocks;
        };
    }

    private static Callable<List<Long>> ids(ProducerIdManager manager, int count, CountDownLatch go) {
        return () -> {
            assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(manager.nextProducerId());
            }
            return ids;
        };
    }
}
