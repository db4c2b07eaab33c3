package io.ferrymq.it.failover;

import static org.awaitility.Awaitility.await;

import io.ferrymq.it.replication.FailureScenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: SIGTERM every broker, one after the other, and start them all again. The broker stopped
 * last was left the only ISR member of every partition (each leader drops a follower that
 * deregisters), so it leads them all at first; once the others are back in the ISR, each preferred
 * replica's broker asks for its leaderships, and they are balanced again without waiting for the
 * periodic preferred-leader rebalance ({@code leader.imbalance.check.interval.seconds}, 300 s, the
 * default, here). No acknowledged write is lost.
 */
class FullRestartIT extends FailureScenario {

    @Test
    void leadershipReturnsToThePreferredReplicasSoonAfterEveryBrokerRestarted() {
        Map<Integer, Integer> preferred = preferredLeaders();
        await().atMost(WAIT).until(() -> leaders().equals(preferred));

        for (int id = 1; id <= 3; id++) {
            cluster.sigterm(id);
        }
        for (int id = 1; id <= 3; id++) {
            cluster.start(id);
        }
        awaitFullIsr();

        await().atMost(WAIT).until(() -> leaders().equals(preferred));
        finishAndVerify();
    }
}
