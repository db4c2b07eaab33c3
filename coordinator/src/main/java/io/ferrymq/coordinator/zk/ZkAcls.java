package io.ferrymq.coordinator.zk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * The ACLs Ferry puts on its znodes, as Kafka does. Secured ({@code zookeeper.set.acl=true}): the
 * creator's identity may do everything ({@code auth} scheme: ZooKeeper substitutes the creating
 * session's SASL or digest identity) and anyone may read, except under {@link ZkPaths#isSensitive
 * sensitive paths} (credentials), which only the creator may read. Unsecured: anyone may do
 * anything ({@code world:anyone}, ZooKeeper's default).
 *
 * <p>As Curator's {@link ACLProvider} it receives full server paths (chroot included) and judges
 * them relative to the chroot. Immutable and thread-safe.
 */
public final class ZkAcls implements ACLProvider {

    private final String chroot;
    private final boolean secure;

    /**
     * @param chroot Ferry's chroot, e.g. {@code /ferry} ({@link ZkConfig#chroot()})
     * @param secure whether to put {@link #secured} ACLs on new znodes
     */
    public ZkAcls(String chroot, boolean secure) {
        this.chroot = chroot;
        this.secure = secure;
    }

    /** The ACLs of a znode at {@code path} relative to the chroot ({@code /} is the chroot itself). */
    public static List<ACL> forPath(boolean secure, String path) {
        return secure ? secured(path) : ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    /** Creator-all, plus world-read unless the path is sensitive. */
    public static List<ACL> secured(String path) {
        List<ACL> acls = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
        if (!ZkPaths.isSensitive(path)) {
            acls.addAll(ZooDefs.Ids.READ_ACL_UNSAFE);
        }
        // not List.copyOf: ZooKeeper's validateACL asks contains(null), which immutable lists reject
        return Collections.unmodifiableList(acls);
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return forPath(secure, "/");
    }

    @Override
    public List<ACL> getAclForPath(String serverPath) {
        return forPath(secure, relative(serverPath));
    }

    /** {@code serverPath} relative to the chroot; a path outside it (a parent of the chroot) counts as {@code /}. */
    String relative(String serverPath) {
        if (serverPath.startsWith(chroot + "/")) {
            return serverPath.substring(chroot.length());
        }
        return "/";
    }
}
