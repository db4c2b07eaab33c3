package io.ferrymq.it.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.it.replication.FailureScenario;
import io.ferrymq.it.replication.LogVerifier;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, failure test 2: SIGTERM each broker in turn. Controlled shutdown hands every leadership
 * to a caught-up in-sync follower after everything appended was committed, so producers see only
 * retriable refusals: no acknowledged loss and no duplicates.
 */
class RollingRestartIT extends FailureScenario {

    @Test
    void rollingRestartLosesNothingAndDuplicatesNothing() {
        for (int id = 1; id <= 3; id++) {
            int acknowledged = producer.ackCount();
            cluster.restart(id);
            awaitFullIsr();
            await().atMost(WAIT).until(() -> producer.ackCount() > acknowledged + 100);
        }
        LogVerifier.Report report = finishAndVerify();
        assertThat(report.duplicates()).as("duplicates after a rolling restart").isZero();
    }
}
