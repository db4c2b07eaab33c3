package io.ferrymq.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.config.BrokerConfig;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped example configs and the launcher's generated ZooKeeper configs parse with the real parsers. */
class ExampleConfigsTest {

    private static final Path CONF = Path.of("..", "conf");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"broker-1", "broker-2", "broker-3"})
    void localClusterBrokerConfigsAreValid(String name) {
        BrokerConfig config = BrokerConfig.load(CONF.resolve("local-cluster").resolve(name + ".properties"), List.of());
        assertThat(config.brokerId()).isEqualTo(Integer.parseInt(name.substring(name.length() - 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper.properties", "local-cluster/zookeeper-1.properties",
        "local-cluster/zookeeper-2.properties", "local-cluster/zookeeper-3.properties"})
    void zookeeperConfigsParse(String file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CONF.resolve(file))) {
            p.load(r);
        }
        p.setProperty("dataDir", dir.toString());
        Files.writeString(dir.resolve("myid"), file.replaceAll("\\D", "").isEmpty() ? "1" : file.replaceAll("\\D", ""));
        QuorumPeerConfig config = new QuorumPeerConfig();
        config.parseProperties(p);
        assertThat(config.isDistributed()).isEqualTo(file.startsWith("local-cluster"));
    }

    @Test
    void launcherWritesStandaloneAndEnsembleConfigs() throws Exception {
        ZooKeeperNode single = new ZooKeeperNode(1, 2181, 2888, 3888, dir.resolve("single"));
        QuorumPeerConfig standalone = new QuorumPeerConfig();
        standalone.parse(single.writeConfig(dir.resolve("single.cfg"), List.of(single)).toString());
        assertThat(standalone.isDistributed()).isFalse();
        assertThat(standalone.getClientPortAddress().getPort()).isEqualTo(2181);

        List<ZooKeeperNode> ensemble = List.of(
                new ZooKeeperNode(1, 2181, 2888, 3888, dir.resolve("z1")),
                new ZooKeeperNode(2, 2182, 2889, 3889, dir.resolve("z2")),
                new ZooKeeperNode(3, 2183, 2890, 3890, dir.resolve("z3")));
        QuorumPeerConfig second = new QuorumPeerConfig();
        second.parse(ensemble.get(1).writeConfig(dir.resolve("z2.cfg"), ensemble).toString());
        assertThat(second.isDistributed()).isTrue();
        assertThat(second.getServers()).hasSize(3);
        assertThat(second.getServerId()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"logback.xml", "logback-tools.xml"})
    void logbackConfigsLoadWithoutErrors(String file) throws Exception {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        context.putProperty("ferry.log.dir", dir.toString());
        ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONF.resolve(file).toFile());
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getEffectiveLevel() >= ch.qos.logback.core.status.Status.ERROR);
        context.stop();
    }
}
