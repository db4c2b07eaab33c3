package io.ferrymq.broker.config;

import static io.ferrymq.broker.config.ServerConfigKeys.ADVERTISED_LISTENERS;
import static io.ferrymq.broker.config.ServerConfigKeys.INTER_BROKER_LISTENER_NAME;
import static io.ferrymq.broker.config.ServerConfigKeys.KAFKA_LISTENER_NAMES;
import static io.ferrymq.broker.config.ServerConfigKeys.LISTENERS;
import static io.ferrymq.broker.config.ServerConfigKeys.SECURITY_INTER_BROKER_PROTOCOL;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SslConfigKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The consistency rules of the listener keys, as Kafka's: each listener name and each non-zero
 * port once; advertised listeners name configured listeners with a concrete host and port;
 * {@code inter.broker.listener.name} and {@code security.inter.broker.protocol} not both set, and
 * the inter-broker listener among the listeners; per-listener overrides only of existing listeners,
 * and each listener's TLS settings valid.
 *
 * <p>Stateless and thread-safe.
 */
final class ListenerChecks {

    private ListenerChecks() {
    }

    /** Every problem of {@code config}'s listener keys, as messages. */
    static List<String> problems(BrokerConfig config, ListenerOverrides overrides) {
        List<String> problems = new ArrayList<>();
        List<Endpoint> listeners;
        List<Endpoint> advertised;
        try {
            listeners = config.listeners();
            advertised = config.advertisedListeners();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return problems;
        }
        Set<String> names = new LinkedHashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (Endpoint listener : listeners) {
            if (!names.add(listener.listenerName())) {
                problems.add(LISTENERS + " names listener " + listener.listenerName() + " twice");
            }
            if (listener.port() != 0 && !ports.add(listener.port())) {
                problems.add(LISTENERS + " uses port " + listener.port() + " twice");
            }
        }
        listeners.stream().filter(l -> l.securityProtocol().isTls()).forEach(l -> checkTls(config, l, problems));
        checkAdvertised(advertised, names, problems);
        checkInterBroker(config, names, problems);
        checkKafkaListeners(config, listeners, problems);
        problems.addAll(overrides.problems(names));
        return problems;
    }

    private static void checkTls(BrokerConfig config, Endpoint listener, List<String> problems) {
        try {
            if (!config.sslSettings(listener.listenerName()).keyStore().isConfigured()) {
                problems.add("listener " + listener.listenerName() + " uses " + listener.securityProtocol() + " and needs "
                        + SslConfigKeys.SSL_KEYSTORE_LOCATION + " (or, for PEM, "
                        + SslConfigKeys.SSL_KEYSTORE_CERTIFICATE_CHAIN + ")");
            }
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
    }

    private static void checkAdvertised(List<Endpoint> advertised, Set<String> names, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (Endpoint endpoint : advertised) {
            if (endpoint.host().isEmpty() || endpoint.host().equals("0.0.0.0") || endpoint.port() == 0) {
                problems.add(ADVERTISED_LISTENERS + " must name a concrete host and port, was " + endpoint);
            }
            if (!names.contains(endpoint.listenerName())) {
                problems.add(ADVERTISED_LISTENERS + " names " + endpoint.listenerName() + ", which is not in "
                        + LISTENERS + " " + names);
            }
            if (!seen.add(endpoint.listenerName())) {
                problems.add(ADVERTISED_LISTENERS + " names listener " + endpoint.listenerName() + " twice");
            }
        }
    }

    private static void checkInterBroker(BrokerConfig config, Set<String> names, List<String> problems) {
        boolean byName = config.getOptional(INTER_BROKER_LISTENER_NAME).isPresent();
        if (byName && config.originals().containsKey(SECURITY_INTER_BROKER_PROTOCOL)) {
            problems.add("set only one of " + INTER_BROKER_LISTENER_NAME + " and " + SECURITY_INTER_BROKER_PROTOCOL);
            return;
        }
        String name = config.interBrokerListenerName();
        if (!names.contains(name)) {
            problems.add("the inter-broker listener " + name + " (" + (byName ? INTER_BROKER_LISTENER_NAME
                    : SECURITY_INTER_BROKER_PROTOCOL) + ") is not in " + LISTENERS + " " + names);
        }
    }

    private static void checkKafkaListeners(BrokerConfig config, List<Endpoint> listeners, List<String> problems) {
        Set<String> kafka = config.kafkaListenerNames();
        for (Endpoint listener : listeners) {
            if (kafka.contains(listener.listenerName())
                    && listener.listenerName().equals(config.interBrokerListenerName())) {
                problems.add("the inter-broker listener " + listener.listenerName() + " speaks Kafka's protocol ("
                        + KAFKA_LISTENER_NAMES + "); brokers replicate over a Ferry listener");
            }
        }
    }
}
