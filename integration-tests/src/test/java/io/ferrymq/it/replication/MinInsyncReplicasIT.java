package io.ferrymq.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issue 5, failure test 5: two of three brokers down. */
class MinInsyncReplicasIT extends FailureScenario {

    /** NOT_ENOUGH_REPLICAS must reach the test, so the client does not retry it away. */
    @Override
    protected boolean idempotentProducer() {
        return false;
    }

    @Test
    void acksAllIsRefusedWithTwoBrokersDownAndTheClusterRecoversByItself() {
        cluster.kill9(2);
        cluster.kill9(3);
        await().atMost(WAIT).until(() -> IntStream.range(0, PARTITIONS)
                .allMatch(p -> cluster.partitionState(partition(p)).map(s -> s.isr().equals(java.util.List.of(1)))
                        .orElse(false)));
        int acknowledged = producer.ackCount();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> producer.ackCount() == acknowledged);
        assertThat(producer.errorCounts()).containsKey("NOT_ENOUGH_REPLICAS");

        cluster.broker(2).start();
        cluster.broker(3).start();
        cluster.broker(2).awaitReady(WAIT);
        cluster.broker(3).awaitReady(WAIT);
        await().atMost(WAIT).until(() -> producer.ackCount() > acknowledged + 100);
        finishAndVerify();
    }
}
