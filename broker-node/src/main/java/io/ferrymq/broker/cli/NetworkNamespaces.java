package io.ferrymq.broker.cli;

import io.ferrymq.broker.cluster.ProcessNetwork;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Linux network namespace per server of a local cluster, all on one bridge in this host's
 * namespace, for {@code ferry verify --faults partition}. With tag {@code t} and subnet index
 * {@code s}: bridge {@code fv<t>br} at {@code 10.231.<s>.1/24}; process {@code i} (in the order given)
 * in namespace {@code fv<t>-<i>}, reached through veth {@code fv<t>h<i>} (bridge side) /
 * {@code fv<t>n<i>} (namespace side) at {@code 10.231.<s>.<10+i>}. Nothing is routed beyond the
 * bridge: the namespaces have no default route, so no traffic leaves them. Links are cut with
 * blackhole routes ({@link #cut}), which {@link #heal} removes; {@link #close} removes the
 * namespaces (their veths with them) and the bridge, also from a JVM shutdown hook. Needs root and
 * the {@code ip} command ({@link #unavailableReason}). Thread-safe (commands are serialized).
 */
public final class NetworkNamespaces implements ProcessNetwork, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkNamespaces.class);

    private final String tag;
    private final int subnet;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<String[]> cuts = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::removeAll, "ferry-verify-netns-cleanup");
    private boolean closed;

    private NetworkNamespaces(String tag, int subnet, List<String> processes) {
        this.tag = tag;
        this.subnet = subnet;
        for (int i = 0; i < processes.size(); i++) {
            index.put(processes.get(i), i + 1);
        }
    }

    /** Why namespaces cannot be made here (not root, no {@code ip}); empty when they can. */
    public static Optional<String> unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("network partitions need root (network namespaces, a bridge, veth links); running as "
                    + System.getProperty("user.name"));
        }
        boolean ip = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "ip")));
        return ip ? Optional.empty() : Optional.of("network partitions need the 'ip' command (iproute2), not on the PATH");
    }

    /** Creates the bridge and one namespace per process; removes what it made when a step fails. */
    public static NetworkNamespaces create(List<String> processes) {
        long pid = ProcessHandle.current().pid();
        NetworkNamespaces ns = new NetworkNamespaces(Long.toString(pid % 10_000), (int) (pid % 200) + 20, processes);
        Runtime.getRuntime().addShutdownHook(ns.shutdownHook);
        try {
            ns.build();
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private void build() {
        String bridge = bridge();
        ip("link", "add", bridge, "type", "bridge");
        ip("addr", "add", "10.231." + subnet + ".1/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int i : index.values()) {
            String ns = namespace(i);
            String outer = "fv" + tag + "h" + i;
            String inner = "fv" + tag + "n" + i;
            ip("netns", "add", ns);
            ip("link", "add", outer, "type", "veth", "peer", "name", inner);
            ip("link", "set", outer, "master", bridge);
            ip("link", "set", outer, "up");
            ip("link", "set", inner, "netns", ns);
            ip("-n", ns, "addr", "add", address(i) + "/24", "dev", inner);
            ip("-n", ns, "link", "set", inner, "up");
            ip("-n", ns, "link", "set", "lo", "up");
        }
        LOG.info("network namespaces {} on bridge {} (10.231.{}.0/24)", index, bridge, subnet);
    }

    @Override
    public String host(String processName) {
        return address(indexOf(processName));
    }

    @Override
    public List<String> launchPrefix(String processName) {
        return List.of("ip", "netns", "exec", namespace(indexOf(processName)));
    }

    /** Drops every packet from {@code from} to {@code to} (process names; {@code null} = this host, the client). */
    public synchronized void cut(String from, String to) {
        String target = (to == null ? "10.231." + subnet + ".1" : host(to)) + "/32";
        String[] route = from == null ? new String[] {"route", "add", "blackhole", target}
                : new String[] {"-n", namespace(indexOf(from)), "route", "add", "blackhole", target};
        ip(route);
        cuts.add(route);
    }

    /** Removes every cut. */
    public synchronized void heal() {
        for (String[] route : cuts) {
            String[] del = route.clone();
            del[java.util.Arrays.asList(del).indexOf("add")] = "del";
            ip(del);
        }
        cuts.clear();
    }

    /** The namespaces as {@code ip netns list} would name them, for checks that none is left. */
    public List<String> namespaces() {
        return index.values().stream().map(this::namespace).toList();
    }

    public String bridge() {
        return "fv" + tag + "br";
    }

    private int indexOf(String processName) {
        Integer i = index.get(processName);
        if (i == null) {
            throw new IllegalArgumentException("no namespace for " + processName + " (have " + index.keySet() + ")");
        }
        return i;
    }

    private String namespace(int i) {
        return "fv" + tag + "-" + i;
    }

    private String address(int i) {
        return "10.231." + subnet + "." + (10 + i);
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran
        }
    }

    private synchronized void removeAll() {
        if (closed) {
            return;
        }
        closed = true;
        cuts.clear();
        for (int i : index.values()) {
            quietly("netns", "del", namespace(i));
            quietly("link", "del", "fv" + tag + "h" + i);
        }
        quietly("link", "del", bridge());
        LOG.info("removed network namespaces {} and bridge {}", namespaces(), bridge());
    }

    private void quietly(String... args) {
        try {
            run(args);
        } catch (RuntimeException e) {
            LOG.debug("cleanup: {}", e.getMessage());
        }
    }

    private void ip(String... args) {
        String out = run(args);
        LOG.debug("ip {}: {}", String.join(" ", args), out);
    }

    private static String run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 30 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }
}
