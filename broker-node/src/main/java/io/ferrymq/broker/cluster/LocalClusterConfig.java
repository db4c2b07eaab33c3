package io.ferrymq.broker.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link LocalCluster} starts: {@code brokers} broker processes (ids 1..n) and either
 * {@code zookeeperNodes} ZooKeeper server processes (1 = standalone, 3 = ensemble) or an
 * {@code externalZooKeeper} connect string (e.g. an embedded test server); extra broker settings
 * ({@code brokerOverrides}, validated by the broker itself); {@code tls}, when present, makes every
 * listener {@code SSL} (see {@link ClusterTls}), and {@code scram} with it {@code SASL_SSL} (see
 * {@link ClusterScram}); {@code extraListeners}, listeners every broker opens besides its own (e.g.
 * {@code KAFKA://127.0.0.1:0}, port 0 for a free port picked with the brokers' own, kept across restarts, also read from the registration with
 * {@link LocalCluster#endpoint}); the JVM command; bounds for start-up
 * and for the SIGTERM grace before SIGKILL. Everything lives under {@code baseDir}. Immutable;
 * build with {@link #builder(Path)}.
 */
public record LocalClusterConfig(
        Path baseDir,
        int brokers,
        int zookeeperNodes,
        Optional<String> externalZooKeeper,
        Map<String, String> brokerOverrides,
        Optional<ClusterTls> tls,
        Optional<ClusterScram> scram,
        List<String> extraListeners,
        JavaCommand java,
        Duration startTimeout,
        Duration stopGrace,
        ProcessNetwork network) {

    public LocalClusterConfig {
        if (brokers < 0) {
            throw new IllegalArgumentException("brokers must be >= 0, got " + brokers);
        }
        if (externalZooKeeper.isEmpty() && zookeeperNodes < 1) {
            throw new IllegalArgumentException("need zookeeperNodes >= 1 or an external ZooKeeper connect string");
        }
        if (scram.isPresent() && tls.isEmpty()) {
            throw new IllegalArgumentException("SCRAM users need TLS certificates too: the listeners are SASL_SSL");
        }
        brokerOverrides = Map.copyOf(brokerOverrides);
        extraListeners = List.copyOf(extraListeners);
    }

    public static Builder builder(Path baseDir) {
        return new Builder(baseDir);
    }

    /** Defaults: 3 brokers, 1 ZooKeeper process, the current JVM's classpath, 90 s start, 20 s grace. */
    public static final class Builder {
        private final Path baseDir;
        private int brokers = 3;
        private int zookeeperNodes = 1;
        private Optional<String> externalZooKeeper = Optional.empty();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Optional<ClusterTls> tls = Optional.empty();
        private Optional<ClusterScram> scram = Optional.empty();
        private final List<String> extraListeners = new ArrayList<>();
        private JavaCommand java;
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration stopGrace = Duration.ofSeconds(20);
        private ProcessNetwork network = ProcessNetwork.LOOPBACK;

        private Builder(Path baseDir) {
            this.baseDir = baseDir.toAbsolutePath();
        }

        public Builder brokers(int n) {
            this.brokers = n;
            return this;
        }

        public Builder zookeeperNodes(int n) {
            this.zookeeperNodes = n;
            return this;
        }

        /** Use a ZooKeeper that is already running (no ZooKeeper processes are started). */
        public Builder externalZooKeeper(String connect) {
            this.externalZooKeeper = Optional.of(connect);
            return this;
        }

        public Builder brokerConfig(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Brokers listen and replicate over TLS with these certificates. */
        public Builder tls(ClusterTls certificates) {
            this.tls = Optional.of(certificates);
            return this;
        }

        /** With {@link #tls}: {@code SASL_SSL} listeners, these users created in ZooKeeper before the brokers start. */
        public Builder scram(ClusterScram users) {
            this.scram = Optional.of(users);
            return this;
        }

        /** A listener {@code NAME://host:port} every broker opens after its own (port 0: a free port). */
        public Builder extraListener(String listener) {
            this.extraListeners.add(listener);
            return this;
        }

        public Builder java(JavaCommand command) {
            this.java = command;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.java = (java != null ? java : JavaCommand.ofCurrentJvm()).withJvmOptions(options);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        /** Where each process binds and how it is launched (default {@link ProcessNetwork#LOOPBACK}). */
        public Builder network(ProcessNetwork network) {
            this.network = network;
            return this;
        }

        public LocalClusterConfig build() {
            return new LocalClusterConfig(baseDir, brokers, zookeeperNodes, externalZooKeeper, overrides, tls, scram, extraListeners,
                    java != null ? java : JavaCommand.ofCurrentJvm(), startTimeout, stopGrace, network);
        }
    }
}
