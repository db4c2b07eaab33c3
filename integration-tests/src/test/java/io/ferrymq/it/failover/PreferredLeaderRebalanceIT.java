package io.ferrymq.it.failover;

import static org.awaitility.Awaitility.await;

import io.ferrymq.it.replication.FailureScenario;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kill -9 the broker that is the preferred leader of partition 0, and start it again: while it is
 * away its partitions move to other ISR members; once it is back in the ISR, the preferred-leader
 * rebalance ({@code leader.imbalance.check.interval.seconds=2} here, 300 by default) gives each of
 * them back to it while acks=all production continues. No acknowledged write is lost.
 */
class PreferredLeaderRebalanceIT extends FailureScenario {

    @Override
    protected Map<String, String> scenarioBrokerConfig() {
        return Map.of("leader.imbalance.check.interval.seconds", "2");
    }

    @Test
    void leadershipReturnsToThePreferredReplicasAfterAKillAndRestart() {
        Map<Integer, Integer> preferred = preferredLeaders();
        await().atMost(WAIT).until(() -> leaders().equals(preferred));
        int victim = preferred.get(0);

        cluster.kill9(victim);
        await().atMost(WAIT).until(() -> !cluster.isRegistered(victim));
        await().atMost(WAIT).until(() -> !leaders().containsValue(victim) && leaders().size() == PARTITIONS);
        keepProducing(Duration.ofSeconds(3));
        cluster.start(victim);
        awaitFullIsr();

        await().atMost(WAIT).until(() -> leaders().equals(preferred));
        keepProducing(Duration.ofSeconds(3));
        finishAndVerify();
    }
}
