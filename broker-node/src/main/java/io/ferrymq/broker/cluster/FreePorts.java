package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free TCP ports on 127.0.0.1 by binding port 0. All ports of one call are held open
 * together, so they are distinct; another process may still take one before our child binds it
 * (a small race every launcher on a shared machine accepts). Stateless and thread-safe.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} distinct free loopback ports. */
    public static List<Integer> pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
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
}
