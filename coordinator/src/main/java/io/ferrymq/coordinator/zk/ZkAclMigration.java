package io.ferrymq.coordinator.zk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@code zookeeper-security-migration --zookeeper.acl secure|unsecure} for Ferry's tree:
 * walks every znode under the chroot (the chroot included), parents before children, and sets
 * {@link ZkAcls#forPath} ACLs on each. Securing needs a client with credentials ({@link ZkSecurity}):
 * ZooKeeper turns the {@code auth} ACL into that client's identity, which must be the brokers' one.
 * A node deleted during the walk is skipped; nodes created during it get their ACLs from their
 * creator. Stateless and thread-safe; each {@link #run} uses only the given client.
 */
public final class ZkAclMigration {

    private static final Logger log = LoggerFactory.getLogger(ZkAclMigration.class);

    private ZkAclMigration() {
    }

    /**
     * Sets the ACLs of every node under the chroot.
     *
     * @param curator a client namespaced to Ferry's chroot ({@link ZkClient#curator()})
     * @param secure  true for {@code secure}, false for {@code unsecure}
     * @return how many nodes got ACLs
     * @throws CoordinatorException naming the node whose ACLs could not be set, and why
     */
    public static int run(CuratorFramework curator, boolean secure) {
        Deque<String> pending = new ArrayDeque<>(List.of("/"));
        int changed = 0;
        while (!pending.isEmpty()) {
            String path = pending.pop();
            try {
                List<ACL> acls = ZkAcls.forPath(secure, path);
                curator.setACL().withACL(acls).forPath(path);
                changed++;
                for (String child : curator.getChildren().forPath(path)) {
                    pending.push(path.equals("/") ? "/" + child : path + "/" + child);
                }
            } catch (KeeperException.NoNodeException gone) {
                log.debug("{} was deleted during the ACL migration", path);
            } catch (KeeperException.InvalidACLException noIdentity) {
                throw new CoordinatorException("cannot secure " + path + ": this client has no ZooKeeper credentials "
                        + "(give the brokers' JAAS file with -D" + ZkSecurity.JAAS_PROPERTY + "=FILE)");
            } catch (KeeperException.NoAuthException denied) {
                throw new CoordinatorException("not allowed to change the ACLs of " + path
                        + ": use the credentials of the identity that created it (the brokers')");
            } catch (Exception e) {
                throw CoordinatorException.wrap("setting the ACLs of " + path, e);
            }
        }
        return changed;
    }
}
