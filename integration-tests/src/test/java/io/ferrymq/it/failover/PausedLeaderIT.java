package io.ferrymq.it.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.it.replication.AckingProducer;
import io.ferrymq.it.replication.FailureScenario;
import io.ferrymq.it.replication.ReplicaSegments;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, failure test 3: SIGSTOP the leader of partition 0 for twice the session timeout, then
 * SIGCONT. A new leader takes over meanwhile; the old one must not write anything sent after it wakes
 * up in its old epoch, and must rejoin as a follower.
 */
class PausedLeaderIT extends FailureScenario {

    @Test
    void frozenLeaderIsFencedAndRejoinsAsFollower() {
        PartitionState before = state(0);
        int old = before.leader();
        Map<Integer, Integer> epochsLedByOld = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            PartitionState s = state(p);
            if (s.leader() == old) {
                epochsLedByOld.put(p, s.leaderEpoch());
            }
        }
        cluster.pause(old);
        try {
            await().atMost(WAIT).until(() -> state(0).hasLeader() && state(0).leader() != old);
            keepProducing(sessionTimeout().multipliedBy(2));
        } finally {
            cluster.resume(old);
        }
        long resumedAt = System.nanoTime();
        await().atMost(WAIT).until(() -> state(0).isr().contains(old) && state(0).leader() != old);
        await().atMost(WAIT).until(() -> producer.acks().stream()
                .filter(a -> epochsLedByOld.containsKey(a.partition()) && a.sentAtNanos() > resumedAt).count() >= 20);
        finishAndVerify();
        for (Map.Entry<Integer, Integer> led : epochsLedByOld.entrySet()) {
            assertSentAfterResumeInNewerEpoch(led.getKey(), led.getValue(), resumedAt);
        }
    }

    /**
     * Values first sent after SIGCONT are written in a newer epoch: the resumed broker accepts nothing
     * as leader. (A value sent before the pause may be acknowledged later in its original epoch: the
     * idempotent producer's retry finds it already committed and gets its first offset back.)
     */
    private void assertSentAfterResumeInNewerEpoch(int partition, int oldEpoch, long resumedAt) {
        List<ReplicaSegments.BatchId> batches = ReplicaSegments.batchesBelow(cluster.broker(1).dataDir(), TOPIC,
                partition, Long.MAX_VALUE);
        for (AckingProducer.Ack ack : producer.acks()) {
            if (ack.partition() == partition && ack.sentAtNanos() > resumedAt) {
                int epoch = batches.stream().filter(b -> b.baseOffset() <= ack.offset() && ack.offset() <= b.lastOffset())
                        .findFirst().orElseThrow().leaderEpoch();
                assertThat(epoch).as("epoch of %s sent after SIGCONT", ack).isGreaterThan(oldEpoch);
            }
        }
    }
}
