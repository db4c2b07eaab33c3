package io.ferrymq.it.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.it.harness.BrokerLogs;
import io.ferrymq.it.harness.FerryCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a broker restarted right after a kill -9 finds its previous registration still held by
 * the dead process's unexpired ZooKeeper session. It waits for that session to expire (logging the
 * owner session) instead of exiting, then registers and becomes ready. The session timeout is long
 * (20 s) so that the new JVM reaches registration well before the old session expires.
 */
class RestartAfterKillIT {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @AfterEach
    void keepLogs() {
        BrokerLogs.keep(work, getClass());
    }

    @Test
    void brokerRestartedRightAfterKill9WaitsForItsOldSessionAndComesUp() throws Exception {
        try (FerryCluster cluster = FerryCluster.builder(work).brokers(1).sessionTimeout(SESSION_TIMEOUT)
                .readyTimeout(Duration.ofSeconds(120)).start()) {
            long oldSession = cluster.localCluster().registrationSession(1).orElseThrow();

            cluster.kill9(1);
            cluster.broker(1).start();

            String waiting = "Waiting for the previous registration of broker 1 (ZooKeeper session 0x"
                    + Long.toHexString(oldSession) + ") to expire, until ";
            Path log = cluster.broker(1).logFile();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).contains(waiting));
            assertThat(cluster.broker(1).isAlive()).as("the broker waits instead of exiting").isTrue();
            assertThat(cluster.localCluster().registrationSession(1)).hasValue(oldSession);

            await().atMost(SESSION_TIMEOUT.multipliedBy(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OptionalLong owner = cluster.localCluster().registrationSession(1);
                return owner.isPresent() && owner.getAsLong() != oldSession;
            });
            cluster.broker(1).awaitReady(SESSION_TIMEOUT);
            assertThat(cluster.broker(1).isAlive()).isTrue();
            assertThat(Files.readString(log)).doesNotContain("is already registered by another live broker");
        }
    }
}
