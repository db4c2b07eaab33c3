package io.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.replication.ReplicationConfig;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleConfigsTest {

    @Test
    void shippedBrokerPropertiesParse() {
        Path file = Path.of("../conf/broker.properties");
        if (!Files.exists(file)) {
            file = Path.of("conf/broker.properties");
        }
        BrokerConfig config = BrokerConfig.load(file, List.of());

        assertThat(config.brokerId()).isZero();
        assertThat(config.listeners()).containsExactly(Endpoint.plaintext("127.0.0.1", 9092));
    }

    @Test
    void zookeeperSetAclPutsAclsOnWithJaasCredentials() {
        BrokerConfig config = BrokerConfig.of(Map.of("broker.id", "1", "zookeeper.connect", "zk:2181",
                "zookeeper.set.acl", "true"));

        ZkConfig zk = ModuleConfigs.zkConfig(config);
        assertThat(zk.security().setAcl()).isTrue();
        assertThat(zk.security().digest()).isEmpty();
    }

    @Test
    void mapsZooKeeperAndReplicationSettings() {
        BrokerConfig config = BrokerConfig.of(Map.of("broker.id", "7", "zookeeper.connect", "zk1:2181,zk2:2181/prod",
                "zookeeper.session.timeout.ms", "6000", "min.insync.replicas", "2",
                "unclean.leader.election.enable", "true", "replica.lag.time.max.ms", "10000"));

        ZkConfig zk = ModuleConfigs.zkConfig(config);
        assertThat(zk.hosts()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(zk.chroot()).isEqualTo("/prod");
        assertThat(zk.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(zk.security().setAcl()).as("zookeeper.set.acl defaults to false").isFalse();

        ReplicationConfig replication = ModuleConfigs.replicationConfig(config);
        assertThat(replication.brokerId()).isEqualTo(7);
        assertThat(replication.minInsyncReplicas()).isEqualTo(2);
        assertThat(replication.uncleanLeaderElectionEnable()).isTrue();
        assertThat(replication.replicaLagTimeMaxMs()).isEqualTo(10_000L);
    }

    @Test
    void mapsLogSettingsWithMsFormsWinning() {
        BrokerConfig config = BrokerConfig.of(Map.of("broker.id", "1", "zookeeper.connect", "zk:2181",
                "log.dirs", "/data/a,/data/b", "log.segment.bytes", "4096", "log.roll.hours", "2",
                "log.retention.ms", "60000", "message.max.bytes", "2048"));

        LogConfig log = ModuleConfigs.logConfig(config);

        assertThat(log.logDirs()).containsExactly(Path.of("/data/a"), Path.of("/data/b"));
        assertThat(log.segmentBytes()).isEqualTo(4096);
        assertThat(log.rollMs()).isEqualTo(Duration.ofHours(2).toMillis());
        assertThat(log.retentionMs()).isEqualTo(60_000L);
        assertThat(log.messageMaxBytes()).isEqualTo(2048);
    }

    @Test
    void mapsGroupSettings() {
        BrokerConfig config = BrokerConfig.of(Map.of("broker.id", "1", "zookeeper.connect", "zk:2181",
                "group.initial.rebalance.delay.ms", "0"));
        assertThat(ModuleConfigs.groupConfig(config).initialRebalanceDelayMs()).isZero();
    }

    @Test
    void badChrootIsAConfigError() {
        BrokerConfig config = BrokerConfig.of(Map.of("broker.id", "1", "zookeeper.connect", "zk:2181/bad/"));
        assertThatThrownBy(() -> ModuleConfigs.zkConfig(config))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chroot");
    }
}
