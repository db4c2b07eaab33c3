package io.ferrymq.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's fault injections on real broker processes. */
class FerryClusterIT {

    @TempDir
    Path work;

    private static char processState(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void killRestartPauseResumeExpireAndLeaderLookup() throws Exception {
        TopicPartition tp = new TopicPartition("harness", 0);
        try (FerryCluster cluster = FerryCluster.builder(work).brokers(3).start()) {
            TopicAdmin.createTopic(cluster.bootstrapServers(), new TopicSpec("harness", 1, (short) 3, Map.of()), Duration.ofSeconds(30));
            int leader = cluster.awaitLeader(tp, Duration.ofSeconds(60));

            long oldPid = cluster.broker(leader).pid().orElseThrow();
            cluster.kill9(leader);
            assertThat(cluster.broker(leader).isAlive()).isFalse();
            assertThat(ProcessHandle.of(oldPid)).isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(tp).orElse(leader) != leader);
            cluster.start(leader);
            assertThat(cluster.broker(leader).pid().orElseThrow()).isNotEqualTo(oldPid);

            int other = leader % 3 + 1;
            long pid = cluster.broker(other).pid().orElseThrow();
            cluster.pause(other);
            await().atMost(Duration.ofSeconds(10)).until(() -> processState(pid) == 'T');
            cluster.resume(other);
            await().atMost(Duration.ofSeconds(10)).until(() -> processState(pid) != 'T');

            cluster.expireSession(other);
            assertThat(cluster.broker(other).isAlive()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.isRegistered(other));

            cluster.sigterm(other);
            assertThat(cluster.broker(other).isAlive()).isFalse();
            cluster.restart(other);
            assertThat(cluster.broker(other).isReady()).isTrue();
        }
    }

    @Test
    void zookeeperAsAProcessAndSessionExpiryByFreezingTheBroker() {
        try (FerryCluster cluster = FerryCluster.builder(work).brokers(1).zookeeperProcesses(1).start()) {
            assertThat(cluster.localCluster().zookeeperProcesses()).hasSize(1);
            assertThat(cluster.isRegistered(1)).isTrue();
            long before = cluster.localCluster().registrationSession(1).orElseThrow();

            cluster.expireSession(1);

            assertThat(cluster.broker(1).isPaused()).isFalse();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.isRegistered(1));
            assertThat(cluster.localCluster().registrationSession(1).orElseThrow()).isNotEqualTo(before);
        }
    }
}
