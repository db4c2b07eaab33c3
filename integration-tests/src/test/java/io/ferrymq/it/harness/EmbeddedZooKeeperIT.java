package io.ferrymq.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperIT {

    @TempDir
    Path dir;

    @Test
    void expiringASessionDeletesItsEphemeralNodesAndTellsTheClient() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir);
             CuratorFramework client = CuratorFrameworkFactory.newClient(zk.connectString(), 10_000, 5_000, new RetryOneTime(100));
             CuratorFramework observer = CuratorFrameworkFactory.newClient(zk.connectString(), new RetryOneTime(100))) {
            AtomicBoolean lost = new AtomicBoolean();
            client.getConnectionStateListenable().addListener((c, state) -> lost.compareAndSet(false, state == ConnectionState.LOST));
            client.start();
            observer.start();
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/brokers/ids/1");
            long session = observer.checkExists().forPath("/brokers/ids/1").getEphemeralOwner();
            assertThat(session).isEqualTo(client.getZookeeperClient().getZooKeeper().getSessionId());

            zk.expireSession(session);

            await().atMost(Duration.ofSeconds(10)).until(() -> observer.checkExists().forPath("/brokers/ids/1") == null);
            await().atMost(Duration.ofSeconds(20)).untilTrue(lost);
        }
    }
}
