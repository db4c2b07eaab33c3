package io.ferrymq.it.harness;

import io.ferrymq.broker.cluster.ClusterScram;
import io.ferrymq.broker.cluster.ClusterTls;
import io.ferrymq.broker.cluster.LocalCluster;
import io.ferrymq.broker.cluster.LocalClusterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link FerryCluster}. Defaults: 3 brokers, embedded ZooKeeper, a 6 s ZooKeeper session
 * timeout, brokers with 256 MB heaps and only the C1 JIT (fast start-up on a busy machine), 90 s to become ready, 20 s SIGTERM grace. Not thread-safe.
 */
public final class FerryClusterBuilder {

    private final Path baseDir;
    private final LocalClusterConfig.Builder config;
    private boolean embeddedZooKeeper = true;
    private Optional<String> externalZooKeeper = Optional.empty();
    private Duration sessionTimeout = Duration.ofSeconds(6);
    private Duration readyTimeout = Duration.ofSeconds(90);

    FerryClusterBuilder(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath();
        this.config = LocalClusterConfig.builder(this.baseDir).brokers(3)
                .jvmOptions(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-XX:+ExitOnOutOfMemoryError"));
    }

    public FerryClusterBuilder brokers(int n) {
        config.brokers(n);
        return this;
    }

    /** Run ZooKeeper as {@code n} server processes instead of inside the test JVM. */
    public FerryClusterBuilder zookeeperProcesses(int n) {
        embeddedZooKeeper = false;
        config.zookeeperNodes(n);
        return this;
    }

    /** Use a ZooKeeper the test runs itself (e.g. one that authenticates clients), at {@code connect}. */
    public FerryClusterBuilder externalZooKeeper(String connect) {
        embeddedZooKeeper = false;
        externalZooKeeper = Optional.of(connect);
        return this;
    }

    /** A broker setting for every broker (validated by the broker at start-up). */
    public FerryClusterBuilder brokerConfig(String key, String value) {
        config.brokerConfig(key, value);
        return this;
    }

    public FerryClusterBuilder sessionTimeout(Duration timeout) {
        this.sessionTimeout = timeout;
        return this;
    }

    public FerryClusterBuilder readyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        config.startTimeout(timeout);
        return this;
    }

    public FerryClusterBuilder stopGrace(Duration grace) {
        config.stopGrace(grace);
        return this;
    }

    /** Every listener {@code SSL}, between brokers too, with these certificates (see {@link ClusterTls}). */
    public FerryClusterBuilder tls(ClusterTls certificates) {
        config.tls(certificates);
        return this;
    }

    /** With {@link #tls}: every listener {@code SASL_SSL}, these SCRAM users created before the brokers start. */
    public FerryClusterBuilder scram(ClusterScram users) {
        config.scram(users);
        return this;
    }

    /**
     * Every broker also opens a Kafka-protocol listener, {@code KAFKA://127.0.0.1:0} (a free port;
     * the broker's default {@code kafka.listener.names} and protocol map make it PLAINTEXT), reached
     * through {@link FerryCluster#kafkaBootstrap()}.
     */
    public FerryClusterBuilder kafkaListener() {
        config.extraListener(FerryCluster.KAFKA_LISTENER + "://127.0.0.1:0");
        return this;
    }

    public FerryClusterBuilder jvmOptions(List<String> options) {
        config.jvmOptions(options);
        return this;
    }

    /** Starts ZooKeeper and the brokers and waits until all are ready; on failure stops what started. */
    public FerryCluster start() {
        config.brokerConfig("zookeeper.session.timeout.ms", Long.toString(sessionTimeout.toMillis()));
        externalZooKeeper.ifPresent(config::externalZooKeeper);
        Optional<EmbeddedZooKeeper> zk = embeddedZooKeeper
                ? Optional.of(EmbeddedZooKeeper.start(baseDir.resolve("embedded-zookeeper")))
                : Optional.empty();
        try {
            zk.ifPresent(z -> config.externalZooKeeper(z.connectString()));
            return new FerryCluster(LocalCluster.start(config.build()), zk, sessionTimeout, readyTimeout);
        } catch (RuntimeException e) {
            zk.ifPresent(EmbeddedZooKeeper::close);
            throw e;
        }
    }
}
