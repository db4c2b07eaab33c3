package io.ferrymq.coordinator.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two brokers' ACL stores over a real embedded ZooKeeper: writes race safely and every cache follows. */
class ZkAclStoreIT {

    private static final ResourcePattern ORDERS = ResourcePattern.literal(ResourceType.TOPIC, "orders");

    private TestingServer server;
    private ZkClient zkOne;
    private ZkClient zkTwo;
    private ZkAclStore one;
    private ZkAclStore two;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        zkOne = ZkTesting.connect(server);
        zkTwo = ZkTesting.connect(server);
        one = new ZkAclStore(zkOne.curator(), 10_000);
        two = new ZkAclStore(zkTwo.curator(), 10_000);
        one.start();
        two.start();
    }

    @AfterEach
    void stop() throws Exception {
        one.close();
        two.close();
        zkOne.close();
        zkTwo.close();
        server.close();
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation op) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    @Test
    void anAclAddedOnOneBrokerReachesTheOthersCacheAndListener() throws Exception {
        AtomicReference<Set<AclBinding>> seen = new AtomicReference<>(Set.of());
        two.addListener(seen::set);
        AclBinding binding = allow(ORDERS, "User:alice", AclOperation.READ);
        one.add(List.of(binding));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.get().contains(binding));
        assertThat(two.bindings()).containsExactly(binding);
        byte[] stored = zkOne.curator().getData().forPath("/kafka-acl/Topic/orders");
        assertThat(new String(stored, StandardCharsets.UTF_8)).contains("\"operation\":\"Read\"");
    }

    @Test
    void concurrentAddsToOneResourceAllLand() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            List<AclBinding> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                AclBinding binding = allow(ORDERS, "User:u" + i, AclOperation.WRITE);
                expected.add(binding);
                ZkAclStore store = i % 2 == 0 ? one : two;
                futures.add(threads.submit(() -> store.add(List.of(binding))));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> one.bindings().size() == 20);
            assertThat(one.bindings()).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void removeDeletesWhatTheFilterMatchesAndDropsEmptyNodes() throws Exception {
        ResourcePattern prefixed = new ResourcePattern(ResourceType.TOPIC, "ord", PatternType.PREFIXED);
        AclBinding read = allow(ORDERS, "User:alice", AclOperation.READ);
        AclBinding write = allow(ORDERS, "User:bob", AclOperation.WRITE);
        AclBinding prefixRead = allow(prefixed, "User:alice", AclOperation.READ);
        one.add(List.of(read, write, prefixRead));

        AclBindingFilter aliceOnOrders = new AclBindingFilter(ResourceType.TOPIC, Optional.of("orders"),
                PatternType.MATCH, Optional.of("User:alice"), Optional.empty(), AclOperation.ANY, AclPermissionType.ANY);
        assertThat(two.remove(aliceOnOrders)).containsExactlyInAnyOrder(read, prefixRead);
        await().atMost(Duration.ofSeconds(10)).until(() -> one.bindings().equals(Set.of(write)));
        assertThat(zkOne.curator().checkExists().forPath("/kafka-acl-extended/prefixed/Topic/ord")).isNull();
        assertThat(one.remove(AclBindingFilter.ANY)).containsExactly(write);
        assertThat(one.remove(AclBindingFilter.ANY)).isEmpty();
    }

    @Test
    void anUnreadableNodeIsSkippedAndTheRestLoads() throws Exception {
        AclBinding good = allow(ORDERS, "User:alice", AclOperation.READ);
        one.add(List.of(good));
        zkOne.curator().create().creatingParentsIfNeeded()
                .forPath("/kafka-acl/Group/broken", "not json".getBytes(StandardCharsets.UTF_8));
        try (ZkAclStore third = new ZkAclStore(zkTwo.curator(), 10_000)) {
            third.start();
            assertThat(third.bindings()).containsExactly(good);
        }
    }
}
