package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports on 127.0.0.1 for servers a launcher starts later. A port is taken below the
 * kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}; ports {@code [low/4, low/2)},
 * 8192-16383 with Linux's default, which also keeps clear of the fixed ports of bench/ at 19092 and up),
 * where the kernel never hands out ports on its own: port 0 would give an ephemeral port, which any
 * outgoing connection on the machine may take before our child binds it, and a killed broker that
 * restarts on its old port would meet the same race again. So the only race left is with another
 * launcher picking the same port at the same moment, which the random choice makes rare. A port is
 * free when a plain bind succeeds; all ports of one call are held open together, so they are
 * distinct. Where the range cannot be read, port 0 is used. Stateless and thread-safe.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int MIN_LOW = 8192;
    private static final int ATTEMPTS = 1000;

    private FreePorts() {
    }

    /** {@code count} distinct free loopback ports. */
    public static List<Integer> pick(int count) {
        int low = ephemeralLow();
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(low < MIN_LOW ? bind(0) : bindBelow(low));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }

    /** One free loopback port. */
    public static int pick() {
        return pick(1).get(0);
    }

    private static ServerSocket bindBelow(int low) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low / 4, low / 2);
            try {
                return bind(port);
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        return bind(0);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The first port of the kernel's ephemeral range, or 0 where it cannot be read. Read line by line:
     * {@code Files.readString} trusts the size a /proc file reports, and gets one byte of it.
     */
    static int ephemeralLow() {
        try {
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
