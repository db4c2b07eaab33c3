package io.ferrymq.coordinator.election;

import io.ferrymq.coordinator.zk.CoordinatorException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's place in its partition's latch (DESIGN.md, "Latch mechanics"): Ferry's own
 * leader-latch recipe, run entirely on the broker's election thread. It creates an
 * EPHEMERAL_SEQUENTIAL node {@code <prefix>-latch-<sequence>} whose data is the broker id; the
 * oldest node leads; every other node watches the node just ahead of it and looks again when that
 * one goes; the leader watches its own node, so a node deleted from outside ends the leadership.
 *
 * <p>Why not Curator's {@code LeaderLatch}: it starts a thread for every {@code start()}, registers
 * a connection listener per latch, names nodes with a {@code SecureRandom} UUID ("protected" mode)
 * and recreates its node, so goes to the back of the queue, on every reconnect. At 10,000
 * partitions per broker (issue 20) that was 10,000 thread starts and a contended random source per
 * election round, and a connection blip moved every leadership. Here one unique prefix per latch
 * (broker id, a random token drawn once per JVM, a counter) does what protected mode does: after a
 * create whose answer was lost, or Curator's retry of it, the folder is searched for the prefix and
 * extra nodes are deleted. A node survives a reconnect within the same session, so a leader whose
 * connection was suspended is first again when it comes back.
 *
 * <p>Callbacks ({@link Listener}) arrive on the election thread; after {@link #close()} none
 * follow. Not thread-safe: confined to the election thread, like its owner {@link LatchSeat}.
 */
final class PartitionLatch {

    static final String NODE_INFIX = "-latch-";

    private static final Logger log = LoggerFactory.getLogger(PartitionLatch.class);
    private static final String JVM_TOKEN = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private static final AtomicLong COUNTER = new AtomicLong();

    /** What the latch tells its owner, on the election thread. */
    interface Listener {
        void isLeader();

        void notLeader();

        /**
         * The node could not be created, or vanished: the latch is closed ({@link #notLeader} came
         * first if it led), and the owner joins again with a new one.
         */
        void failed(Exception cause);
    }

    private final ElectorContext context;
    private final CuratorFramework curator;
    private final String folder;
    private final String prefix;
    private final byte[] data;
    private final Listener listener;
    private final CuratorWatcher recheck;

    private String ourPath;
    private boolean leader;
    private boolean closed;

    PartitionLatch(ElectorContext context, String folder, Listener listener) {
        this.context = context;
        this.curator = context.curator();
        this.folder = folder;
        int brokerId = context.config().brokerId();
        this.prefix = brokerId + "_" + JVM_TOKEN + "_" + COUNTER.incrementAndGet() + NODE_INFIX;
        this.data = String.valueOf(brokerId).getBytes(StandardCharsets.UTF_8);
        this.listener = listener;
        this.recheck = context.watcher(this::checkLeadership);
    }

    /** Creates the node; the listener hears {@code isLeader} once it is the oldest. */
    void start() {
        try {
            curator.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                    .inBackground((client, event) -> context.onThread(() -> onCreated(event)))
                    .forPath(ZKPaths.makePath(folder, prefix), data);
        } catch (Exception e) {
            fail(CoordinatorException.wrap("creating a latch node in " + folder, e));
        }
    }

    /** This latch's node once created (path without the chroot), else null. */
    String ourPath() {
        return ourPath;
    }

    boolean hasLeadership() {
        return leader;
    }

    /** The connection is suspended: leadership is no longer certain; the node stays queued. */
    void onSuspended() {
        setLeadership(false);
    }

    /** Reconnected within the same session: the node is still there; look again whether it leads. */
    void onReconnected() {
        checkLeadership();
    }

    /** Leaves the latch: deletes the node (retried by Curator until it succeeds); no callback follows. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        leader = false;
        if (ourPath != null) {
            delete(ourPath);
        }
    }

    private void onCreated(CuratorEvent event) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code == KeeperException.Code.OK) {
            if (closed) {
                delete(event.getName());
                return;
            }
            ourPath = event.getName();
            checkLeadership();
            return;
        }
        if (isConnectionError(code)) {
            removeOurNodes();
        }
        if (!closed) {
            fail(KeeperException.create(code, ZKPaths.makePath(folder, prefix)));
        }
    }

    private void checkLeadership() {
        if (closed || ourPath == null) {
            return;
        }
        try {
            curator.getChildren().inBackground((client, event) -> context.onThread(() -> onChildren(event))).forPath(folder);
        } catch (Exception e) {
            fail(CoordinatorException.wrap("reading latch " + folder, e));
        }
    }

    private void onChildren(CuratorEvent event) {
        if (closed || ourPath == null) {
            return;
        }
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code != KeeperException.Code.OK) {
            if (!isConnectionError(code)) {
                fail(KeeperException.create(code, folder));
            }
            return;
        }
        String ours = ZKPaths.getNodeFromPath(ourPath);
        List<String> queue = new ArrayList<>();
        for (String child : event.getChildren()) {
            if (child.startsWith(prefix) && !child.equals(ours)) {
                delete(ZKPaths.makePath(folder, child));
            } else {
                queue.add(child);
            }
        }
        queue.sort(Comparator.comparing(PartitionLatch::sequenceOf));
        int index = queue.indexOf(ours);
        if (index < 0) {
            fail(new CoordinatorException("latch node " + ourPath + " vanished"));
            return;
        }
        watch(index == 0 ? ourPath : ZKPaths.makePath(folder, queue.get(index - 1)));
        setLeadership(index == 0);
    }

    /** Watches {@code path} (our own node when leading, else the one just ahead); gone already: look again. */
    private void watch(String path) {
        try {
            curator.checkExists().usingWatcher(recheck).inBackground((client, event) -> {
                if (event.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                    context.onThread(this::checkLeadership);
                }
            }).forPath(path);
        } catch (Exception e) {
            fail(CoordinatorException.wrap("watching latch node " + path, e));
        }
    }

    /**
     * After a create whose answer was lost: deletes every node carrying our prefix, so a node created without our knowing does not hold a place in the queue.
     */
    private void removeOurNodes() {
        try {
            curator.getChildren().inBackground((client, event) -> {
                if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                    event.getChildren().stream().filter(child -> child.startsWith(prefix))
                            .forEach(child -> delete(ZKPaths.makePath(folder, child)));
                }
            }).forPath(folder);
        } catch (Exception e) {
            log.warn("{}: looking for latch nodes of a failed create failed; they go with the session", folder, e);
        }
    }

    private void delete(String path) {
        try {
            curator.delete().guaranteed().inBackground().forPath(path);
        } catch (Exception e) {
            log.warn("deleting latch node {} failed; it goes with the session", path, e);
        }
    }

    private void setLeadership(boolean leads) {
        if (leads == leader) {
            return;
        }
        leader = leads;
        if (leads) {
            listener.isLeader();
        } else {
            listener.notLeader();
        }
    }

    private void fail(Exception cause) {
        if (closed) {
            return;
        }
        setLeadership(false);
        close();
        listener.failed(cause);
    }

    private static boolean isConnectionError(KeeperException.Code code) {
        return code == KeeperException.Code.CONNECTIONLOSS || code == KeeperException.Code.OPERATIONTIMEOUT
                || code == KeeperException.Code.SESSIONMOVED || code == KeeperException.Code.SESSIONEXPIRED;
    }

    /** A latch node's sequence number: the ten digits ZooKeeper appended after {@value #NODE_INFIX}. */
    static String sequenceOf(String node) {
        return node.substring(node.lastIndexOf('-') + 1);
    }
}
