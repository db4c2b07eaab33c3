package io.ferrymq.coordinator.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code zookeeper.set.acl} against a real ZooKeeper, with digest credentials (per connection, so
 * no JVM-global JAAS state): foreign clients, without credentials or with other ones, cannot
 * create, change or delete Ferry's znodes, and the migration secures and unsecures a tree.
 */
class ZkAclsIT {

    private static final String CHROOT = "/ferry-test";
    private static final ZkSecurity BROKERS = new ZkSecurity(true, Optional.of("broker:broker-secret"));

    private TestingServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        server.close();
    }

    private ZkClient ferry(ZkSecurity security) {
        ZkClient client = ZkClient.connect(ZkTesting.config(server).withSecurity(security));
        closeables.add(client);
        return client;
    }

    /** A plain client of the whole server (no chroot), optionally with digest credentials. */
    private CuratorFramework foreign(Optional<String> digest) throws InterruptedException {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(server.getConnectString()).retryPolicy(new RetryOneTime(50));
        digest.ifPresent(d -> builder.authorization("digest", d.getBytes(StandardCharsets.UTF_8)));
        CuratorFramework client = builder.build();
        closeables.add(client);
        client.start();
        client.blockUntilConnected();
        return client;
    }

    private static void createFerryTree(CuratorFramework ferry) throws Exception {
        ferry.create().creatingParentsIfNeeded().forPath(ZkPaths.topic("orders"), "{}".getBytes());
        ferry.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.broker(1), "{}".getBytes());
        ferry.create().creatingParentsIfNeeded().forPath(ZkPaths.CONFIG_USERS + "/alice", "secret".getBytes());
    }

    private static void assertCannotModify(CuratorFramework intruder) {
        assertThatThrownBy(() -> intruder.create().forPath(CHROOT + ZkPaths.topic("evil")))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.setData().forPath(CHROOT + ZkPaths.topic("orders"), "x".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.setData().forPath(CHROOT + ZkPaths.broker(1), "x".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.delete().forPath(CHROOT + ZkPaths.topic("orders")))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE)
                .forPath(CHROOT + ZkPaths.TOPICS)).isInstanceOf(KeeperException.NoAuthException.class);
    }

    @Test
    void foreignClientsCanReadButNotModifyFerrysZnodesExceptSecretsWhichTheyCannotRead() throws Exception {
        ZkClient broker = ferry(BROKERS);
        createFerryTree(broker.curator());

        for (Optional<String> credentials : List.of(Optional.<String>empty(), Optional.of("intruder:pw"))) {
            CuratorFramework intruder = foreign(credentials);
            assertCannotModify(intruder);
            assertThat(intruder.getData().forPath(CHROOT + ZkPaths.topic("orders"))).isEqualTo("{}".getBytes());
            assertThatThrownBy(() -> intruder.getData().forPath(CHROOT + ZkPaths.CONFIG_USERS + "/alice"))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void anotherBrokerWithTheSameCredentialsCanModifyThem() throws Exception {
        createFerryTree(ferry(BROKERS).curator());
        CuratorFramework other = ferry(BROKERS).curator();

        other.setData().forPath(ZkPaths.topic("orders"), "{\"v\":2}".getBytes());
        other.create().forPath(ZkPaths.topic("more"));
        other.delete().forPath(ZkPaths.topic("more"));
        assertThat(other.getData().forPath(ZkPaths.CONFIG_USERS + "/alice")).isEqualTo("secret".getBytes());
    }

    @Test
    void migrationSecuresAnUnsecuredTreeAndUnsecuresItAgain() throws Exception {
        createFerryTree(ferry(ZkSecurity.NONE).curator());
        CuratorFramework intruder = foreign(Optional.empty());
        intruder.setData().forPath(CHROOT + ZkPaths.topic("orders"), "{}".getBytes());
        CuratorFramework admin = ferry(BROKERS).curator();

        int secured = ZkAclMigration.run(admin, true);

        assertThat(secured).isGreaterThanOrEqualTo(8);
        assertCannotModify(intruder);
        List<ACL> acls = admin.getACL().forPath(ZkPaths.topic("orders"));
        assertThat(acls).extracting(acl -> acl.getId().getScheme() + ":" + acl.getId().getId().split(":")[0])
                .containsExactlyInAnyOrder("digest:broker", "world:anyone");
        assertThat(admin.getACL().forPath(ZkPaths.CONFIG_USERS + "/alice"))
                .extracting(acl -> acl.getId().getScheme()).containsExactly("digest");

        ZkAclMigration.run(admin, false);

        intruder.setData().forPath(CHROOT + ZkPaths.topic("orders"), "changed".getBytes());
        intruder.create().forPath(CHROOT + ZkPaths.topic("evil"));
        intruder.delete().forPath(CHROOT + ZkPaths.topic("evil"));
    }

    @Test
    void securingWithoutCredentialsIsRefusedNamingTheNode() throws Exception {
        CuratorFramework unsecured = ferry(ZkSecurity.NONE).curator();
        createFerryTree(unsecured);

        assertThatThrownBy(() -> ZkAclMigration.run(unsecured, true))
                .isInstanceOf(CoordinatorException.class)
                .hasMessageStartingWith("cannot secure /: this client has no ZooKeeper credentials");
    }
}
