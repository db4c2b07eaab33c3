package io.ferrymq.it.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.it.replication.AckingProducer;
import io.ferrymq.it.replication.FailureScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, failure test 1: kill -9 the leader of partition 0 every ~10 s for 60 s, restarting it
 * once its session expired. Also measures failover time: from the kill to the first acks=all
 * acknowledgement for partition 0 (necessarily from the new leader), with the session timeout used.
 */
class LeaderKillIT extends FailureScenario {

    @Test
    void killingTheLeaderRepeatedlyLosesNoAcknowledgedWrite() {
        List<Long> failoverMs = new ArrayList<>();
        long end = System.nanoTime() + killPhase().toNanos();
        while (System.nanoTime() < end) {
            int leader = cluster.awaitLeader(partition(0), WAIT);
            long killedAt = System.nanoTime();
            cluster.kill9(leader);
            OptionalLong firstAck = await().atMost(WAIT).until(() -> firstAckOfPartition0After(killedAt),
                    OptionalLong::isPresent);
            failoverMs.add((firstAck.getAsLong() - killedAt) / 1_000_000);
            await().atMost(WAIT).until(() -> !cluster.isRegistered(leader));
            cluster.start(leader);
            keepProducing(Duration.ofSeconds(3));
        }
        System.out.printf(getClass().getSimpleName() + ": failover times %s ms with zookeeper.session.timeout.ms=%d%n", failoverMs,
                sessionTimeout().toMillis());
        assertThat(failoverMs).hasSizeGreaterThanOrEqualTo(minimumKills());
        finishAndVerify();
    }

    /** How long leaders keep being killed. */
    protected Duration killPhase() {
        return Duration.ofSeconds(60);
    }

    /** How many kill-and-failover rounds that phase must at least hold. */
    protected int minimumKills() {
        return 3;
    }

    private OptionalLong firstAckOfPartition0After(long nanos) {
        return producer.acks().stream().filter(a -> a.partition() == 0 && a.ackedAtNanos() > nanos)
                .mapToLong(AckingProducer.Ack::ackedAtNanos).min()
                .stream().mapToObj(OptionalLong::of).findFirst().orElse(OptionalLong.empty());
    }
}
