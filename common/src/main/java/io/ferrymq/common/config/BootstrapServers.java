package io.ferrymq.common.config;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code bootstrap.servers} / {@code --bootstrap-server}: a comma-separated list of
 * {@code host:port}, IPv6 hosts in brackets ({@code [::1]:9092}). Addresses stay unresolved; the
 * network layer resolves them when it connects.
 *
 * <p>Stateless and thread-safe.
 */
public final class BootstrapServers {

    private BootstrapServers() {
    }

    /** Checks a {@code bootstrap.servers} list as {@link #parse} would, so its problems are listed with the others. */
    public static Validator validator() {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                List<String> entries = ((List<?>) value).stream().map(String::valueOf).toList();
                parse(key, entries);
            }

            @Override
            public String describe() {
                return "non-empty list of host:port";
            }
        };
    }

    /** The addresses in {@code list}, in order; refuses an empty list or a bad entry, naming {@code key}. */
    public static List<InetSocketAddress> parse(String key, List<String> list) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String entry : list) {
            if (!entry.isBlank()) {
                addresses.add(parseOne(key, entry.trim()));
            }
        }
        if (addresses.isEmpty()) {
            throw new ConfigException(key, "Configuration '" + key + "' must name at least one host:port");
        }
        return List.copyOf(addresses);
    }

    private static InetSocketAddress parseOne(String key, String entry) {
        int colon = entry.lastIndexOf(':');
        String host = colon > 0 ? entry.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new ConfigException(key, "Invalid address '" + entry + "' in configuration '" + key
                    + "': expected host:port with a port between 1 and 65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
