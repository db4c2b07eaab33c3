package io.ferrymq.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.ClusterMetadata;
import io.ferrymq.broker.cluster.TopicAdmin;
import io.ferrymq.client.common.serialization.StringDeserializer;
import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.ProducerRecord;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.it.harness.BrokerLogs;
import io.ferrymq.it.harness.FerryCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, ZooKeeper: brokers with {@code zookeeper.set.acl=true} and a SASL identity (JAAS
 * {@code Client} section) against a ZooKeeper that accepts SASL logins, all separate processes.
 * The cluster serves (create topic, produce, consume); a client of the test JVM without credentials,
 * or with other (digest) credentials, can read but cannot create, change or delete Ferry's znodes;
 * {@code ferry zookeeper-security-migration} opens the tree and secures it again.
 */
class ZooKeeperAclIT {

    private static final String CHROOT = "/ferry";
    private static final ACL BROKERS_ALL = new ACL(Perms.ALL, new Id("sasl", SaslZooKeeper.BROKER_USER));
    private static final ACL WORLD_READ = new ACL(Perms.READ, new Id("world", "anyone"));

    @TempDir
    Path work;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        BrokerLogs.keep(work.resolve("cluster"), getClass());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private CuratorFramework foreign(String connect, Optional<String> digest) throws InterruptedException {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder().connectString(connect)
                .retryPolicy(new RetryOneTime(100));
        digest.ifPresent(d -> builder.authorization("digest", d.getBytes(StandardCharsets.UTF_8)));
        CuratorFramework client = track(builder.build());
        client.start();
        assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    @Test
    void brokersWithAclsServeAndForeignClientsCannotModifyTheirZnodesUntilUnsecured() throws Exception {
        SaslZooKeeper zk = track(SaslZooKeeper.start(work.resolve("zk"), List.of()));
        FerryCluster cluster = track(FerryCluster.builder(work.resolve("cluster")).brokers(2)
                .externalZooKeeper(zk.connectString()).brokerConfig("zookeeper.set.acl", "true")
                .jvmOptions(SaslZooKeeper.jvmOptions(zk.jaasFile())).start());
        for (BrokerProcess broker : cluster.brokers()) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    ClusterMetadata.fetch(broker.address(), Duration.ofSeconds(5)).brokers().size() == 2);
        }
        TopicAdmin.createTopic(cluster.bootstrapServers(), new TopicSpec("secured", 1, (short) 2, Map.of()),
                Duration.ofSeconds(60));
        produceAndConsume(cluster.bootstrapServers(), 0);
        String topic = CHROOT + "/topics/secured";
        String state = topic + "/partitions/0/state";

        CuratorFramework anonymous = foreign(zk.connectString(), Optional.empty());
        CuratorFramework intruder = foreign(zk.connectString(), Optional.of(SaslZooKeeper.INTRUDER_USER + ":pw"));
        for (CuratorFramework client : List.of(anonymous, intruder)) {
            assertThat(client.getACL().forPath(topic)).containsExactlyInAnyOrder(BROKERS_ALL, WORLD_READ);
            assertThat(client.getACL().forPath(CHROOT + "/brokers/ids/1")).containsExactlyInAnyOrder(BROKERS_ALL, WORLD_READ);
            assertCannotModify(client, topic, state);
        }

        String opened = zk.runFerry("migrate-unsecure", 0, migrate(zk, "unsecure"));
        assertThat(opened).contains("Set unsecure ACLs on");
        assertThat(anonymous.getACL().forPath(state)).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
        anonymous.create().forPath(CHROOT + "/foreign-probe");
        anonymous.delete().forPath(CHROOT + "/foreign-probe");

        String secured = zk.runFerry("migrate-secure", 0, migrate(zk, "secure"));
        assertThat(secured).contains("Set secure ACLs on");
        assertThat(anonymous.getACL().forPath(state)).containsExactlyInAnyOrder(BROKERS_ALL, WORLD_READ);
        assertCannotModify(anonymous, topic, state);
        produceAndConsume(cluster.bootstrapServers(), 10);
    }

    @Test
    void zookeeperRequiringSaslRefusesSessionsWithoutIt() throws Exception {
        SaslZooKeeper zk = track(SaslZooKeeper.start(work.resolve("zk"), List.of("--require-auth", "sasl")));

        for (Optional<String> credentials : List.of(Optional.<String>empty(), Optional.of("intruder:pw"))) {
            CuratorFramework client = foreign(zk.connectString(), credentials);
            assertThatThrownBy(() -> client.create().forPath("/anything")).isInstanceOf(KeeperException.class);
            assertThatThrownBy(() -> client.getChildren().forPath("/")).isInstanceOf(KeeperException.class);
        }
        // a SASL client (a separate JVM with the JAAS file) is served: it gets as far as finding no cluster
        String refused = zk.runFerry("migrate-empty", 1, migrate(zk, "secure"));
        assertThat(refused).contains("no Ferry cluster under /ferry (no /cluster/id)");
    }

    @Test
    void brokerWithAWrongZooKeeperPasswordRefusesToStartSayingSo() throws Exception {
        SaslZooKeeper zk = track(SaslZooKeeper.start(work.resolve("zk"), List.of()));
        Path wrongJaas = Files.writeString(work.resolve("wrong-jaas.conf"),
                SaslZooKeeper.JAAS.replace("password=\"ferry-secret\"", "password=\"wrong\""));

        assertThatThrownBy(() -> track(FerryCluster.builder(work.resolve("cluster")).brokers(1)
                .externalZooKeeper(zk.connectString()).brokerConfig("zookeeper.set.acl", "true")
                .jvmOptions(SaslZooKeeper.jvmOptions(wrongJaas)).readyTimeout(Duration.ofSeconds(60)).start()))
                .hasMessageContaining("broker 1 exited during start-up")
                .hasMessageContaining("did not authenticate this client")
                .hasMessageContaining("check the user and password of the JAAS 'Client' section");
    }

    private static List<String> migrate(SaslZooKeeper zk, String acl) {
        return List.of("zookeeper-security-migration", "--zookeeper.connect", zk.connectString() + CHROOT,
                "--zookeeper.acl", acl);
    }

    private static void assertCannotModify(CuratorFramework client, String topic, String state) {
        assertThatThrownBy(() -> client.create().forPath(CHROOT + "/topics/evil"))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> client.create().forPath(CHROOT + "/foreign-probe"))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> client.setData().forPath(state, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> client.setData().forPath(topic, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> client.delete().forPath(state))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> client.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(topic))
                .isInstanceOf(KeeperException.NoAuthException.class);
    }

    /** Sends ten values with acks=all and reads them back from offset {@code from}. */
    private void produceAndConsume(String bootstrap, int from) throws Exception {
        try (FerryProducer<String, String> producer = new FerryProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < from + 10; i++) {
                producer.send(new ProducerRecord<>("secured", "k", "v" + i)).get(60, TimeUnit.SECONDS);
            }
        }
        TopicPartition tp = new TopicPartition("secured", 0);
        List<String> read = new ArrayList<>();
        try (FerryConsumer<String, String> consumer = new FerryConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.size() < 10 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record.value());
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = from; i < from + 10; i++) {
            expected.add("v" + i);
        }
        assertThat(read).containsExactlyElementsOf(expected);
    }
}
