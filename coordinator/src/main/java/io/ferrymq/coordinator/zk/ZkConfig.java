package io.ferrymq.coordinator.zk;

import java.time.Duration;
import java.util.Objects;

/**
 * How a broker reaches ZooKeeper: Kafka's {@code zookeeper.connect} form
 * ({@code host:port[,host:port...][/chroot]}, chroot defaulting to {@value #DEFAULT_CHROOT}), the
 * session and connection timeouts, a bounded exponential retry policy, and the {@link ZkSecurity}
 * (ACLs and credentials; none by default).
 *
 * <p>Immutable and thread-safe; the constructor rejects invalid values naming the setting.
 */
public record ZkConfig(
        String connect,
        Duration sessionTimeout,
        Duration connectionTimeout,
        int maxRetries,
        Duration retryBaseSleep,
        ZkSecurity security) {

    public static final String DEFAULT_CHROOT = "/ferry";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(18);
    public static final int DEFAULT_MAX_RETRIES = 5;
    public static final Duration DEFAULT_RETRY_BASE_SLEEP = Duration.ofMillis(100);

    public ZkConfig {
        Objects.requireNonNull(connect, "zookeeper.connect");
        Objects.requireNonNull(sessionTimeout, "zookeeper.session.timeout.ms");
        Objects.requireNonNull(connectionTimeout, "zookeeper.connection.timeout.ms");
        Objects.requireNonNull(retryBaseSleep, "retryBaseSleep");
        Objects.requireNonNull(security, "security");
        if (connect.isBlank() || connect.startsWith("/")) {
            throw new IllegalArgumentException("zookeeper.connect must be host:port[,host:port][/chroot], was '" + connect + "'");
        }
        String chroot = chrootOf(connect);
        if (!chroot.startsWith("/") || chroot.endsWith("/") || chroot.contains("//")) {
            throw new IllegalArgumentException("zookeeper.connect has an invalid chroot '" + chroot + "'");
        }
        requirePositive(sessionTimeout, "zookeeper.session.timeout.ms");
        requirePositive(connectionTimeout, "zookeeper.connection.timeout.ms");
        requirePositive(retryBaseSleep, "retryBaseSleep");
        if (maxRetries < 0 || maxRetries > 29) {
            throw new IllegalArgumentException("maxRetries must be within [0, 29], was " + maxRetries);
        }
    }

    /** Without ACLs or credentials ({@link ZkSecurity#NONE}). */
    public ZkConfig(String connect, Duration sessionTimeout, Duration connectionTimeout, int maxRetries,
                    Duration retryBaseSleep) {
        this(connect, sessionTimeout, connectionTimeout, maxRetries, retryBaseSleep, ZkSecurity.NONE);
    }

    /** Kafka's defaults: 18 s session timeout, connection timeout equal to it, 5 retries from 100 ms. */
    public static ZkConfig of(String connect) {
        return new ZkConfig(connect, DEFAULT_SESSION_TIMEOUT, DEFAULT_SESSION_TIMEOUT,
                DEFAULT_MAX_RETRIES, DEFAULT_RETRY_BASE_SLEEP);
    }

    /** The same settings with other timeouts (tests use a few seconds). */
    public ZkConfig withTimeouts(Duration session, Duration connection) {
        return new ZkConfig(connect, session, connection, maxRetries, retryBaseSleep, security);
    }

    /** The same settings with other ACLs and credentials. */
    public ZkConfig withSecurity(ZkSecurity other) {
        return new ZkConfig(connect, sessionTimeout, connectionTimeout, maxRetries, retryBaseSleep, other);
    }

    /** The host list without the chroot, e.g. {@code 127.0.0.1:2181}. */
    public String hosts() {
        int slash = connect.indexOf('/');
        return slash < 0 ? connect : connect.substring(0, slash);
    }

    /** The chroot, e.g. {@code /ferry}; {@value #DEFAULT_CHROOT} when the connect string names none. */
    public String chroot() {
        return chrootOf(connect);
    }

    private static String chrootOf(String connect) {
        int slash = connect.indexOf('/');
        return slash < 0 ? DEFAULT_CHROOT : connect.substring(slash);
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value.toMillis() + " ms");
        }
    }
}
