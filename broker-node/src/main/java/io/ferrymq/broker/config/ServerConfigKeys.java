package io.ferrymq.broker.config;

import static io.ferrymq.broker.config.Endpoint.listeners;
import static io.ferrymq.common.config.ConfigType.BOOLEAN;
import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.ConfigType.LONG;
import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.LOW;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.any;
import static io.ferrymq.common.config.Validators.atLeast;
import static io.ferrymq.common.config.Validators.between;
import static io.ferrymq.common.config.Validators.nonEmpty;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslConfigKeys;
import java.util.List;

/**
 * Names and definitions of the broker's general, network, ZooKeeper, topic-default and operations
 * keys, and the listener security keys with the broker's {@code ssl.*} keys ({@link SslConfigKeys})
 * (Kafka's names and, unless noted in the doc, Kafka's defaults). Log keys are in
 * {@link LogConfigKeys}, replication and group keys in {@link ReplicationConfigKeys}.
 *
 * <p>Constants only; thread-safe.
 */
public final class ServerConfigKeys {

    public static final String BROKER_ID = "broker.id";
    public static final String BROKER_RACK = "broker.rack";
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LISTENER_SECURITY_PROTOCOL_MAP = "listener.security.protocol.map";
    public static final String INTER_BROKER_LISTENER_NAME = "inter.broker.listener.name";
    public static final String KAFKA_LISTENER_NAMES = "kafka.listener.names";
    public static final String SECURITY_INTER_BROKER_PROTOCOL = "security.inter.broker.protocol";
    /** Prefix of per-listener overrides, {@code listener.name.<name>.ssl.*}, as Kafka's. */
    public static final String LISTENER_NAME_PREFIX = "listener.name.";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String NUM_IO_THREADS = "num.io.threads";
    public static final String SOCKET_MAX_INFLIGHT_REQUESTS = "socket.max.inflight.requests";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String ZOOKEEPER_CONNECT = "zookeeper.connect";
    public static final String ZOOKEEPER_SESSION_TIMEOUT_MS = "zookeeper.session.timeout.ms";
    public static final String ZOOKEEPER_CONNECTION_TIMEOUT_MS = "zookeeper.connection.timeout.ms";
    public static final String ZOOKEEPER_SET_ACL = "zookeeper.set.acl";
    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String CONTROLLED_SHUTDOWN_ENABLE = "controlled.shutdown.enable";
    public static final String CONTROLLED_SHUTDOWN_TIMEOUT_MS = "controlled.shutdown.timeout.ms";
    public static final String ADMIN_HTTP_PORT = "admin.http.port";
    public static final String ADMIN_HTTP_HOST = "admin.http.host";
    public static final String ADMIN_CONSOLE_ENABLE = "admin.console.enable";
    public static final String ADMIN_HTTP_SSL_ENABLE = "admin.http.ssl.enable";
    public static final String METRICS_JMX_ENABLE = "metrics.jmx.enable";

    static final String GROUP_SERVER = "Server";
    static final String GROUP_NETWORK = "Network";
    static final String GROUP_ZOOKEEPER = "ZooKeeper";
    static final String GROUP_TOPICS = "Topic defaults";
    static final String GROUP_SECURITY = "Security";

    private ServerConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        defineServer(def);
        defineNetwork(def);
        defineZooKeeper(def);
        defineTopicDefaults(def);
        defineListenerSecurity(def);
        SslConfigKeys.defineBrokerInto(def, GROUP_SECURITY);
    }

    private static void defineServer(ConfigDefinition def) {
        def.defineRequired(GROUP_SERVER, BROKER_ID, INT, between(0, Integer.MAX_VALUE), HIGH,
                "The id of this broker, unique in the cluster. Ferry does not generate ids.");
        def.defineOptional(GROUP_SERVER, BROKER_RACK, STRING, nonEmpty(), MEDIUM,
                "The rack of this broker, used to spread replicas of a partition over racks.");
        def.define(GROUP_SERVER, CONTROLLED_SHUTDOWN_ENABLE, BOOLEAN, true, any(), MEDIUM,
                "On a clean shutdown, first move every leadership this broker holds to an in-sync follower.");
        def.define(GROUP_SERVER, CONTROLLED_SHUTDOWN_TIMEOUT_MS, LONG, 30_000L, atLeast(0), LOW,
                "Ferry-specific: how long a controlled shutdown waits for leaderships to move before it "
                        + "closes anyway.");
        def.define(GROUP_SERVER, ADMIN_HTTP_PORT, INT, -1, between(-1, 65535), MEDIUM,
                "Ferry-specific: port of the admin HTTP server (/metrics, /metrics.json, /health/live, "
                        + "/health/ready); -1 disables it, 0 picks a free port (reported by the broker).");
        def.define(GROUP_SERVER, ADMIN_HTTP_HOST, STRING, "127.0.0.1", nonEmpty(), MEDIUM,
                "Ferry-specific: address the admin HTTP server binds.");
        def.define(GROUP_SERVER, ADMIN_CONSOLE_ENABLE, BOOLEAN, true, any(), MEDIUM,
                "Ferry-specific: serve the web console (/console/, JSON under /api/) on the admin HTTP "
                        + "server. Reading needs no login: anyone who reaches the admin port can read the cluster's "
                        + "messages, so bind admin.http.host to a trusted address or turn this off. It is "
                        + "read-only unless security is on (authorizer.class.name set and "
                        + "admin.http.ssl.enable=true): then users log in with their SCRAM password and may "
                        + "create, grow and delete topics and delete empty groups as their ACLs allow.");
        def.define(GROUP_SERVER, ADMIN_HTTP_SSL_ENABLE, BOOLEAN, false, any(), MEDIUM,
                "Ferry-specific: serve the admin HTTP server over HTTPS, with the TLS settings of the "
                        + "inter-broker listener (ssl.* overlaid by listener.name.<inter-broker listener>.ssl.*): "
                        + "its key store (required), protocols and cipher suites; no client certificate is asked "
                        + "for. Required, with authorizer.class.name, for the console's login and alter actions.");
        def.define(GROUP_SERVER, METRICS_JMX_ENABLE, BOOLEAN, true, any(), LOW,
                "Ferry-specific: expose the broker's metrics over JMX (docs/METRICS.md). The object names carry "
                        + "no broker id, so brokers sharing one JVM (ferry-test) turn it off.");
    }

    private static void defineNetwork(ConfigDefinition def) {
        def.define(GROUP_NETWORK, LISTENERS, LIST, List.of("PLAINTEXT://:9092"), listeners(false), HIGH,
                "Where the broker listens, as NAME://host:port (e.g. PLAINTEXT://:9092,SSL://:9093); each name "
                        + "once, with its protocol in listener.security.protocol.map; an empty host binds every "
                        + "interface, port 0 picks a free port.");
        def.define(GROUP_NETWORK, ADVERTISED_LISTENERS, LIST, List.of(), listeners(true), HIGH,
                "The addresses published in ZooKeeper for clients and other brokers, as NAME://host:port per "
                        + "listener; a listener not named here is advertised as bound (with the bound port and, "
                        + "for an empty host, the canonical local host name).");
        def.define(GROUP_NETWORK, NUM_NETWORK_THREADS, INT, 3, atLeast(1), HIGH,
                "Threads that read requests from and write responses to sockets.");
        def.define(GROUP_NETWORK, NUM_IO_THREADS, INT, 8, atLeast(1), HIGH,
                "Threads that run request handlers.");
        def.define(GROUP_NETWORK, SOCKET_MAX_INFLIGHT_REQUESTS, INT, 32, atLeast(1), MEDIUM,
                "Ferry-specific: unanswered requests one connection may have before the broker stops reading "
                        + "from it until responses go out (bounds memory per connection; responses stay in order).");
        def.define(GROUP_NETWORK, SOCKET_REQUEST_MAX_BYTES, INT, 104_857_600, between(1, Integer.MAX_VALUE - 4), HIGH,
                "Largest request frame accepted; a larger length prefix closes the connection before "
                        + "anything that size is allocated.");
        def.define(GROUP_NETWORK, SOCKET_SEND_BUFFER_BYTES, INT, 102_400, atLeast(-1), MEDIUM,
                "SO_SNDBUF of server sockets; -1 uses the operating system default.");
        def.define(GROUP_NETWORK, SOCKET_RECEIVE_BUFFER_BYTES, INT, 102_400, atLeast(-1), MEDIUM,
                "SO_RCVBUF of server sockets; -1 uses the operating system default.");
        def.define(GROUP_NETWORK, CONNECTIONS_MAX_IDLE_MS, LONG, 600_000L, atLeast(1), MEDIUM,
                "Close connections idle for this long.");
    }

    private static void defineListenerSecurity(ConfigDefinition def) {
        def.define(GROUP_SECURITY, LISTENER_SECURITY_PROTOCOL_MAP, LIST, ListenerProtocols.DEFAULT,
                ListenerProtocols.validator(), LOW,
                "The security protocol of each listener name, as NAME:PROTOCOL (e.g. INTERNAL:SSL,EXTERNAL:SASL_SSL).");
        def.define(GROUP_SECURITY, KAFKA_LISTENER_NAMES, LIST, List.of("KAFKA"), any(), MEDIUM,
                "Ferry-specific: the listeners that speak Kafka's wire protocol (stock Kafka clients and tools) "
                        + "instead of Ferry's, over any security protocol; a name here need not be in listeners. A Kafka "
                        + "listener cannot be the inter-broker listener.");
        def.defineOptional(GROUP_SECURITY, INTER_BROKER_LISTENER_NAME, STRING, nonEmpty(), MEDIUM,
                "The listener brokers use to talk to each other (replica fetches); not with "
                        + SECURITY_INTER_BROKER_PROTOCOL + ".");
        def.define(GROUP_SECURITY, SECURITY_INTER_BROKER_PROTOCOL, STRING, "PLAINTEXT",
                SecurityProtocol.validator(), MEDIUM,
                "The security protocol brokers use to talk to each other: the listener of that name is used "
                        + "when " + INTER_BROKER_LISTENER_NAME + " is not set.");
    }

    private static void defineZooKeeper(ConfigDefinition def) {
        def.defineRequired(GROUP_ZOOKEEPER, ZOOKEEPER_CONNECT, STRING, nonEmpty(), HIGH,
                "ZooKeeper connect string host:port[,host:port...][/chroot]; the chroot defaults to /ferry.");
        def.define(GROUP_ZOOKEEPER, ZOOKEEPER_SESSION_TIMEOUT_MS, INT, 18_000, atLeast(1), HIGH,
                "ZooKeeper session timeout; size it above the longest expected GC pause.");
        def.define(GROUP_ZOOKEEPER, ZOOKEEPER_CONNECTION_TIMEOUT_MS, INT, 18_000, atLeast(1), HIGH,
                "How long to wait for the first ZooKeeper connection at start-up.");
        def.define(GROUP_ZOOKEEPER, ZOOKEEPER_SET_ACL, BOOLEAN, false, any(), HIGH,
                "Put ACLs on every znode the broker creates: writable only by the brokers' ZooKeeper identity, "
                        + "readable by all (credentials by the brokers only). The identity comes from the JAAS "
                        + "'Client' section (DigestLoginModule) of the file in -Djava.security.auth.login.config; "
                        + "without one the broker refuses to start. Secure an existing cluster with "
                        + "'ferry zookeeper-security-migration'.");
    }

    private static void defineTopicDefaults(ConfigDefinition def) {
        def.define(GROUP_TOPICS, NUM_PARTITIONS, INT, 1, atLeast(1), MEDIUM,
                "Partitions of an auto-created topic, and of a created topic that does not say.");
        def.define(GROUP_TOPICS, DEFAULT_REPLICATION_FACTOR, INT, 1, between(1, Short.MAX_VALUE), MEDIUM,
                "Replication factor of an auto-created topic, and of a created topic that does not say.");
        def.define(GROUP_TOPICS, AUTO_CREATE_TOPICS_ENABLE, BOOLEAN, false, any(), HIGH,
                "Create a topic when a Metadata request names one that does not exist (Kafka's default "
                        + "is true; Ferry's is false).");
        def.define(GROUP_TOPICS, DELETE_TOPIC_ENABLE, BOOLEAN, true, any(), HIGH,
                "Allow DeleteTopics; when false it is refused with INVALID_REQUEST.");
    }
}
