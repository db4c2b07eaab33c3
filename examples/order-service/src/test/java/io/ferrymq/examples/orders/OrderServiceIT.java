package io.ferrymq.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.test.FerryTestCluster;
import io.ferrymq.test.junit5.BootstrapServers;
import io.ferrymq.test.junit5.FerryCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order service against an embedded three-broker Ferry cluster started by ferry-test's extension. */
@FerryCluster(brokers = 3, topics = {"orders", "orders-under-faults"}, partitions = 3, brokerConfig = "min.insync.replicas=2")
class OrderServiceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void placedOrdersReachTheOrderBookOncePerOrder(@BootstrapServers String bootstrap) {
        List<Order> placed = List.of(new Order("o-1", "kayak"), new Order("o-2", "paddle"), new Order("o-3", "map"));
        try (OrderService service = new OrderService(bootstrap, "orders");
             OrderBook book = new OrderBook(bootstrap, "orders", "book-1")) {
            placed.forEach(service::place);
            assertThat(readAtLeast(book, placed.size())).containsExactlyInAnyOrderElementsOf(placed);
        }
    }

    @Test
    void ordersPlacedBeforeTheirPartitionLeaderIsKilledAreNotLost(@BootstrapServers String bootstrap,
                                                                  FerryTestCluster cluster) {
        Order first = new Order("o-10", "tent");
        try (OrderService service = new OrderService(bootstrap, "orders-under-faults")) {
            int partition = service.place(first).partition();
            TopicPartition tp = new TopicPartition("orders-under-faults", partition);
            int leader = cluster.leaderOf(tp).orElseThrow();
            cluster.killBroker(leader);
            await().atMost(TIMEOUT).until(() -> cluster.leaderOf(tp).orElse(leader) != leader);
            Order second = new Order("o-10", "stove");
            service.place(second);
            cluster.restartBroker(leader);
            try (OrderBook book = new OrderBook(bootstrap, "orders-under-faults", "book-2")) {
                assertThat(readUntil(book, List.of(first, second))).contains(first, second);
            }
        }
    }

    private static List<Order> readAtLeast(OrderBook book, int count) {
        List<Order> read = new ArrayList<>();
        await().atMost(TIMEOUT).until(() -> {
            read.addAll(book.poll(Duration.ofMillis(200)));
            return read.size() >= count;
        });
        return read;
    }

    private static List<Order> readUntil(OrderBook book, List<Order> wanted) {
        List<Order> read = new ArrayList<>();
        await().atMost(TIMEOUT).until(() -> {
            read.addAll(book.poll(Duration.ofMillis(200)));
            return read.containsAll(wanted);
        });
        return read;
    }
}
