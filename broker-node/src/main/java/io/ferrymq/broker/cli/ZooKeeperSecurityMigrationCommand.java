package io.ferrymq.broker.cli;

import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkAclMigration;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkSecurity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry zookeeper-security-migration --zookeeper.connect HOST:PORT/CHROOT --zookeeper.acl
 * secure|unsecure}: Kafka's tool of the same name for Ferry's tree ({@link ZkAclMigration}). It
 * logs in with the JVM's JAAS {@code Client} section, the brokers' identity (pass the brokers'
 * JAAS file in {@code FERRY_JVM_OPTS=-Djava.security.auth.login.config=FILE}). To secure a running
 * cluster: restart every broker with {@code zookeeper.set.acl=true} (rolling), then run
 * {@code secure}; to go back, restart them with {@code false}, then run {@code unsecure}.
 * Refuses a chroot that holds no Ferry cluster ({@code /cluster/id} missing).
 */
@Command(name = "zookeeper-security-migration", mixinStandardHelpOptions = true,
        description = "Set ACLs on every znode of a Ferry cluster: secure (brokers-only writes) or unsecure (open).")
public final class ZooKeeperSecurityMigrationCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--zookeeper.connect", required = true, paramLabel = "HOST:PORT[/CHROOT]",
            description = "The cluster's zookeeper.connect (chroot defaults to /ferry).")
    private String connect;

    @Option(names = "--zookeeper.acl", required = true, paramLabel = "secure|unsecure",
            description = "secure: creator-all + world-read (credentials creator-only); unsecure: open to all.")
    private String acl;

    @Override
    public Integer call() {
        if (!acl.equals("secure") && !acl.equals("unsecure")) {
            throw new IllegalArgumentException("--zookeeper.acl must be secure or unsecure, was '" + acl + "'");
        }
        boolean secure = acl.equals("secure");
        ZkConfig config = ZkConfig.of(connect).withSecurity(secure ? ZkSecurity.saslAcls() : ZkSecurity.NONE);
        try (ZkClient zk = ZkClient.connect(config)) {
            requireFerryCluster(zk, config);
            int nodes = ZkAclMigration.run(zk.curator(), secure);
            spec.commandLine().getOut().printf("Set %s ACLs on %d znodes under %s%n", acl, nodes, config.chroot());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static void requireFerryCluster(ZkClient zk, ZkConfig config) {
        if (!exists(zk, ZkPaths.CLUSTER_ID)) {
            throw new IllegalArgumentException("no Ferry cluster under " + config.chroot() + " (no "
                    + ZkPaths.CLUSTER_ID + "); check the chroot in --zookeeper.connect");
        }
    }

    private static boolean exists(ZkClient zk, String path) {
        try {
            return zk.curator().checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }
}
