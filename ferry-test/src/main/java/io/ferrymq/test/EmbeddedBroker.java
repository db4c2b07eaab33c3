package io.ferrymq.test;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.config.BrokerConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One broker of a {@link FerryTestCluster}, running in the test JVM ({@link Broker}): its id, its
 * log directory and its listeners. The first start binds free loopback ports; every later start
 * binds the same ones, so the cluster's bootstrap addresses hold across {@link #kill} and
 * {@link FerryTestCluster#restartBroker}. The data survives a stop: a restart reopens the same
 * log directory.
 *
 * <p>Thread-safe: starts and stops are serialized on this object; addresses are read without
 * waiting for them.
 */
public final class EmbeddedBroker {

    /** The name of the Ferry-protocol listener. */
    public static final String FERRY_LISTENER = "PLAINTEXT";
    /** The name of the Kafka-protocol listener (the broker's default {@code kafka.listener.names}). */
    public static final String KAFKA_LISTENER = "KAFKA";

    private final int id;
    private final Path logDir;
    private final Map<String, String> config;
    /** Listener name → port, in listener order: 0 until the first start has bound it; replaced, never changed. */
    private volatile Map<String, Integer> ports;
    private volatile Optional<Broker> running = Optional.empty();

    EmbeddedBroker(int id, Path logDir, Map<String, String> config, boolean kafkaListener) {
        this.id = id;
        this.logDir = logDir;
        this.config = Map.copyOf(config);
        Map<String, Integer> unbound = new LinkedHashMap<>();
        unbound.put(FERRY_LISTENER, 0);
        if (kafkaListener) {
            unbound.put(KAFKA_LISTENER, 0);
        }
        this.ports = Collections.unmodifiableMap(unbound);
    }

    public int id() {
        return id;
    }

    public Path logDir() {
        return logDir;
    }

    public boolean isRunning() {
        return running.isPresent();
    }

    /** The running broker; throws when it is stopped. */
    public Broker broker() {
        return running.orElseThrow(() -> new IllegalStateException("broker " + id + " is not running"));
    }

    /** Where clients reach the Ferry listener, also while the broker is stopped (the port it will bind again). */
    public InetSocketAddress address() {
        return address(FERRY_LISTENER).orElseThrow();
    }

    /** Where Kafka clients reach the Kafka listener, when the cluster has one. */
    public Optional<InetSocketAddress> kafkaAddress() {
        return address(KAFKA_LISTENER);
    }

    private Optional<InetSocketAddress> address(String listener) {
        return Optional.ofNullable(ports.get(listener)).map(port -> new InetSocketAddress("127.0.0.1", port));
    }

    /** Starts the broker and returns once it is registered and serving; throws when it is running. */
    synchronized void start() {
        if (running.isPresent()) {
            throw new IllegalStateException("broker " + id + " is already running");
        }
        Map<String, String> settings = new HashMap<>(config);
        settings.put("broker.id", Integer.toString(id));
        settings.put("log.dirs", logDir.toString());
        settings.put("listeners", ports.entrySet().stream()
                .map(e -> e.getKey() + "://127.0.0.1:" + e.getValue()).collect(Collectors.joining(",")));
        Broker broker = Broker.start(BrokerConfig.of(settings));
        Map<String, Integer> bound = new LinkedHashMap<>();
        ports.keySet().forEach(listener -> bound.put(listener, broker.boundAddress(listener).getPort()));
        ports = Collections.unmodifiableMap(bound);
        running = Optional.of(broker);
    }

    /** Hard stop: no controlled shutdown, requests in flight dropped ({@link Broker#halt}). No-op when stopped. */
    synchronized void kill() {
        running.ifPresent(Broker::halt);
        running = Optional.empty();
    }

    /** Controlled shutdown: leaderships move to in-sync followers first ({@link Broker#close}). No-op when stopped. */
    synchronized void shutdown() {
        running.ifPresent(Broker::close);
        running = Optional.empty();
    }

    @Override
    public String toString() {
        return "broker " + id + (isRunning() ? " (running on " : " (stopped, port ") + address().getPort() + ")";
    }
}
