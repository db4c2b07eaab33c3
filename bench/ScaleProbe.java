import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * Waits, bounded, until every partition of a topic reaches a state in ZooKeeper and prints how long
 * that took from a given start time. Reads the partition state znodes that Ferry and Kafka (ZooKeeper
 * mode) both keep ({@code <root>/topics/<t>/partitions/<p>/state} for Ferry with root {@code /ferry},
 * {@code /brokers/topics/<t>/partitions/<p>/state} for Kafka with root {@code /brokers}), so both
 * are measured the same way: the time until the cluster's source of truth says it is done.
 *
 * <p>Usage: {@code java -cp <zookeeper jars> bench/ScaleProbe.java <mode> <zk> <topicsRoot> <idsPath>
 * <topic> <partitions> <startEpochMs> <timeoutS> <broker>} where mode is
 * <ul>
 *   <li>{@code leaders}: every partition has a leader that is registered (in {@code idsPath}) and
 *       is not {@code broker} (-1: any);</li>
 *   <li>{@code isr}: every partition's ISR holds {@code broker};</li>
 *   <li>{@code brokers}: at least {@code partitions} brokers are registered (topic and broker unused).</li>
 * </ul>
 * Prints {@code elapsed_ms=<ms> polls=<n> leaders=<per broker>} and exits 0, or {@code TIMEOUT
 * pending=<n>} and exits 1. Polls every 250 ms with asynchronous reads.
 */
public class ScaleProbe {

    private static final Pattern LEADER = Pattern.compile("\"leader\":(-?\\d+)");
    private static final Pattern ISR = Pattern.compile("\"isr\":\\[([^\\]]*)\\]");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String connect = args[1];
        String topicsRoot = args[2];
        String idsPath = args[3];
        String topic = args[4];
        int partitions = Integer.parseInt(args[5]);
        long start = Long.parseLong(args[6]);
        long deadline = System.currentTimeMillis() + Long.parseLong(args[7]) * 1000L;
        int broker = Integer.parseInt(args[8]);
        if (!mode.equals("leaders") && !mode.equals("isr") && !mode.equals("brokers")) {
            throw new IllegalArgumentException("mode must be leaders, isr or brokers, was " + mode);
        }
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, 30_000, event -> {
            if (event.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no ZooKeeper connection to " + connect);
            }
            int polls = 0;
            int pending = partitions;
            while (System.currentTimeMillis() < deadline) {
                polls++;
                Set<Integer> live = liveBrokers(zk, idsPath);
                if (mode.equals("brokers")) {
                    if (live.size() >= partitions) {
                        System.out.println("elapsed_ms=" + (System.currentTimeMillis() - start) + " brokers=" + live);
                        return;
                    }
                    Thread.sleep(250);
                    continue;
                }
                Map<Integer, String> states = readStates(zk, topicsRoot + "/" + topic + "/partitions", partitions);
                long now = System.currentTimeMillis();
                Map<Integer, Integer> leaders = new TreeMap<>();
                pending = 0;
                for (int p = 0; p < partitions; p++) {
                    String state = states.get(p);
                    if (state == null || !done(mode, state, live, broker)) {
                        pending++;
                    } else {
                        leaders.merge(leader(state), 1, Integer::sum);
                    }
                }
                if (pending == 0) {
                    System.out.println("elapsed_ms=" + (now - start) + " polls=" + polls + " leaders=" + leaders);
                    return;
                }
                Thread.sleep(250);
            }
            System.out.println("TIMEOUT pending=" + pending + " polls=" + polls);
            System.exit(1);
        } finally {
            zk.close();
        }
    }

    private static boolean done(String mode, String state, Set<Integer> live, int broker) {
        if (mode.equals("leaders")) {
            int leader = leader(state);
            return leader >= 0 && live.contains(leader) && leader != broker;
        }
        return isr(state).contains(broker);
    }

    private static int leader(String state) {
        Matcher m = LEADER.matcher(state);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static Set<Integer> isr(String state) {
        Matcher m = ISR.matcher(state);
        Set<Integer> ids = new HashSet<>();
        if (m.find()) {
            for (String id : m.group(1).split(",")) {
                if (!id.isBlank()) {
                    ids.add(Integer.parseInt(id.trim()));
                }
            }
        }
        return ids;
    }

    private static Set<Integer> liveBrokers(ZooKeeper zk, String idsPath) throws Exception {
        Set<Integer> live = new HashSet<>();
        try {
            for (String id : zk.getChildren(idsPath, false)) {
                live.add(Integer.parseInt(id));
            }
        } catch (KeeperException.NoNodeException e) {
            return live;
        }
        return live;
    }

    private static Map<Integer, String> readStates(ZooKeeper zk, String partitionsPath, int partitions)
            throws InterruptedException {
        Map<Integer, String> states = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(partitions);
        for (int p = 0; p < partitions; p++) {
            zk.getData(partitionsPath + "/" + p + "/state", false, (rc, path, ctx, data, stat) -> {
                if (rc == KeeperException.Code.OK.intValue() && data != null) {
                    states.put((Integer) ctx, new String(data, java.nio.charset.StandardCharsets.UTF_8));
                }
                done.countDown();
            }, p);
        }
        done.await(60, TimeUnit.SECONDS);
        return states;
    }
}
