package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.server.RequestContext;
import java.net.InetSocketAddress;

/** Kafka's form of a member's host, e.g. {@code /127.0.0.1}. Stateless and thread-safe. */
final class ClientHosts {

    private ClientHosts() {
    }

    static String of(RequestContext context) {
        if (context.clientAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return "/" + inet.getAddress().getHostAddress();
        }
        return context.clientAddress().toString();
    }
}
