package io.ferrymq.broker.cluster;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * What every process of one local cluster shares: directories, the JVM command, the ZooKeeper
 * connect string, the stop grace, and a lazily opened ZooKeeper client used only to watch broker
 * registrations ({@code /brokers/ids/<id>} under the chroot). Thread-safe.
 */
final class ClusterContext implements AutoCloseable {

    private final LocalClusterConfig config;
    private volatile String zookeeperConnect = "";
    private Optional<ZkClient> zk = Optional.empty();

    ClusterContext(LocalClusterConfig config) {
        this.config = config;
    }

    Path baseDir() {
        return config.baseDir();
    }

    Path logDir() {
        return config.baseDir().resolve("logs");
    }

    Path pidDir() {
        return config.baseDir().resolve("pids");
    }

    JavaCommand java() {
        return config.java();
    }

    ProcessNetwork network() {
        return config.network();
    }

    /** The full command line of process {@code name}: its network's launch prefix, then java. */
    List<String> commandLine(String name, List<String> args) {
        List<String> cmd = new ArrayList<>(config.network().launchPrefix(name));
        cmd.addAll(config.java().commandLine(systemProperties(name), args));
        return cmd;
    }

    Optional<ClusterTls> tls() {
        return config.tls();
    }

    Optional<ClusterScram> scram() {
        return config.scram();
    }

    Duration stopGrace() {
        return config.stopGrace();
    }

    String zookeeperConnect() {
        return zookeeperConnect;
    }

    void zookeeperConnect(String connect) {
        this.zookeeperConnect = connect;
    }

    /** System properties of a child JVM: its log name and the cluster's logging config. */
    Map<String, String> systemProperties(String processName) {
        return Map.of("ferry.log.name", processName,
                "ferry.log.dir", logDir().toString(),
                "logback.configurationFile", baseDir().resolve("logback.xml").toString(),
                "zookeeper.admin.enableServer", "false",
                "zookeeper.4lw.commands.whitelist", "*");
    }

    /** True when {@code /brokers/ids/<id>} exists (false while ZooKeeper is unreachable). */
    boolean isRegistered(int brokerId) {
        try {
            return zk().curator().checkExists().forPath(ZkPaths.broker(brokerId)) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** The partition's {@code state} znode, if the topic exists. */
    Optional<PartitionState> partitionState(TopicPartition tp) {
        try {
            String path = ZkPaths.state(tp);
            byte[] data = zk().curator().getData().forPath(path);
            return Optional.of(PartitionState.fromJson(Json.parseObject(path, data)));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new ClusterException("cannot read the state of " + tp + " from ZooKeeper", e);
        }
    }

    /** The ZooKeeper session id that owns a broker's registration, if registered. */
    OptionalLong registrationSession(int brokerId) {
        try {
            Stat stat = zk().curator().checkExists().forPath(ZkPaths.broker(brokerId));
            return stat == null ? OptionalLong.empty() : OptionalLong.of(stat.getEphemeralOwner());
        } catch (Exception e) {
            throw new ClusterException("cannot read the registration of broker " + brokerId + " from ZooKeeper", e);
        }
    }

    /** A broker's registration ({@code /brokers/ids/<id>}: its listeners as bound), if registered. */
    Optional<BrokerInfo> registration(int brokerId) {
        String path = ZkPaths.broker(brokerId);
        try {
            return Optional.of(BrokerInfo.fromJson(brokerId, Json.parseObject(path, zk().curator().getData().forPath(path))));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new ClusterException("cannot read the registration of broker " + brokerId + " from ZooKeeper", e);
        }
    }

    synchronized ZkClient zk() {
        if (zk.isEmpty()) {
            Duration timeout = Duration.ofSeconds(10);
            zk = Optional.of(ZkClient.connect(ZkConfig.of(zookeeperConnect).withTimeouts(timeout, timeout)));
        }
        return zk.get();
    }

    @Override
    public synchronized void close() {
        zk.ifPresent(ZkClient::close);
        zk = Optional.empty();
    }
}
