package io.ferrymq.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.FreePorts;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/ferry cluster health}: exit 0 with every broker up, 2 with one down, 1 when nothing answers. */
class ClusterHealthIT {

    @TempDir
    Path work;

    private FerryLauncher.Result health(String name, String bootstrap) {
        return FerryLauncher.run(work, name, Duration.ofSeconds(60),
                "cluster", "health", "--bootstrap-server", bootstrap, "--expected-brokers", "3", "--timeout-ms", "3000");
    }

    @Test
    void exitStatusFollowsTheClusterState() {
        try (FerryCluster cluster = FerryCluster.builder(work.resolve("cluster")).brokers(3)
                .brokerConfig("replica.lag.time.max.ms", "4000").start()) {
            TopicAdmin.createTopic(cluster.bootstrapServers(), new TopicSpec("health", 3, (short) 3, Map.of()), Duration.ofSeconds(30));
            TopicAdmin.awaitFullyReplicated(cluster.bootstrapServers(), "health", 3, Duration.ofSeconds(60));

            FerryLauncher.Result up = health("up", cluster.bootstrapServers());
            assertThat(up.exitCode()).as(up.toString()).isZero();
            assertThat(up.stdout()).containsPattern("Healthy:\\s+true");

            cluster.kill9(3);
            String survivors = cluster.broker(1).address() + "," + cluster.broker(2).address();
            AtomicReference<FerryLauncher.Result> down = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> health("down", survivors), r -> {
                        down.set(r);
                        return r.exitCode() == 2;
                    });
            assertThat(down.get().stdout()).containsPattern("Healthy:\\s+false").containsPattern("Down brokers:\\s+\\[3\\]");

            cluster.start(3);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> health("again", cluster.bootstrapServers()).exitCode() == 0);
        }
    }

    @Test
    void noReachableBrokerIsAnErrorWithAOneLineReason() {
        FerryLauncher.Result r = health("nobody", "127.0.0.1:" + FreePorts.pick());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("no broker answered a Metadata request");
    }
}
