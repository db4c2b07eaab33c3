package io.ferrymq.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.coordinator.metadata.PartitionState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, failure test 6: a follower that stops fetching for longer than
 * {@code replica.lag.time.max.ms} (frozen with SIGSTOP, so its registration stays: the lag rule,
 * not the registration rule, must drop it) leaves the ISR, and rejoins once it runs and catches up.
 */
class LaggingFollowerIT extends FailureScenario {

    @Override
    protected Duration sessionTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    protected long replicaLagTimeMaxMs() {
        return 1_500;
    }

    @Test
    void stoppedFollowerLeavesIsrAfterLagTimeAndRejoinsAfterCatchingUp() {
        PartitionState before = state(0);
        int follower = before.isr().stream().filter(b -> b != before.leader()).findFirst().orElseThrow();
        cluster.pause(follower);
        try {
            await().atMost(Duration.ofSeconds(8)).until(() -> !state(0).isr().contains(follower));
            assertThat(cluster.isRegistered(follower)).as("still registered: dropped for lagging").isTrue();
        } finally {
            cluster.resume(follower);
        }
        int acknowledged = producer.ackCount();
        await().atMost(WAIT).until(() -> state(0).isr().contains(follower));
        await().atMost(WAIT).until(() -> producer.ackCount() > acknowledged + 100);
        finishAndVerify();
    }
}
