package io.ferrymq.broker.server;

import io.ferrymq.broker.config.Endpoint;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which address each listener is published under, as Kafka decides it: the
 * {@code advertised.listeners} entry of the same name when there is one; else the listener as bound
 * (the real port for port 0), with the canonical local host name for an empty or wildcard host.
 *
 * <p>Stateless and thread-safe.
 */
public final class AdvertisedListeners {

    private AdvertisedListeners() {
    }

    /**
     * One advertised endpoint per listener, in listener order; {@code bound} holds the bound
     * addresses in the same order, {@code localHostName} is asked only when a host must be filled in.
     */
    public static List<Endpoint> resolve(List<Endpoint> listeners, List<InetSocketAddress> bound,
                                         List<Endpoint> configured, Supplier<String> localHostName) {
        if (listeners.size() != bound.size()) {
            throw new IllegalArgumentException("one bound address per listener: " + listeners + " vs " + bound);
        }
        Map<String, Endpoint> byName = configured.stream()
                .collect(Collectors.toMap(Endpoint::listenerName, Function.identity()));
        return IntStream.range(0, listeners.size()).mapToObj(i -> {
            Endpoint listener = listeners.get(i);
            Endpoint advertised = byName.get(listener.listenerName());
            if (advertised != null) {
                return advertised;
            }
            Endpoint asBound = listener.withPort(bound.get(i).getPort());
            boolean wildcard = asBound.host().isEmpty() || asBound.host().equals("0.0.0.0");
            return wildcard ? asBound.withHost(localHostName.get()) : asBound;
        }).toList();
    }
}
