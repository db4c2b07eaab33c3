package io.ferrymq.broker.cluster;

import java.util.List;

/**
 * Where each server of a {@link LocalCluster} lives on the network: the address it binds and
 * advertises, and the command prefix that launches it there. {@link #LOOPBACK}, the default, puts
 * every process on 127.0.0.1 of this host; {@code ferry verify --faults partition} gives each
 * process a network namespace of its own ({@code ip netns exec <ns>}) so links between them can be cut.
 * Process names are the launcher's: {@code zookeeper-<n>}, {@code broker-<id>}. Implementations are
 * immutable once the cluster starts.
 */
public interface ProcessNetwork {

    /** Every process on 127.0.0.1, launched directly. */
    ProcessNetwork LOOPBACK = new ProcessNetwork() {
        @Override
        public String host(String processName) {
            return "127.0.0.1";
        }

        @Override
        public List<String> launchPrefix(String processName) {
            return List.of();
        }
    };

    /** The IP address {@code processName} binds and advertises. */
    String host(String processName);

    /** Words put before the process's java command line (empty: run it directly). */
    List<String> launchPrefix(String processName);
}
