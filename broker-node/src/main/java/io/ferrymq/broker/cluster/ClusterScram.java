package io.ferrymq.broker.cluster;

import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SCRAM-SHA-512 on top of a TLS {@link LocalCluster} (so every listener is {@code SASL_SSL}): two
 * users with random passwords, {@code ferry-broker} (the brokers log in to each other with it) and
 * {@code ferry-client} (for the clients). {@link #createUsers} writes their salted credentials into
 * ZooKeeper before any broker starts, as {@code ferry users add --zookeeper} does. Immutable and
 * thread-safe.
 */
public final class ClusterScram {

    public static final String BROKER_USER = "ferry-broker";
    public static final String CLIENT_USER = "ferry-client";
    private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;
    private static final int ITERATIONS = 4096;

    private final String brokerPassword = randomPassword();
    private final String clientPassword = randomPassword();

    /** Stores both users' credentials under the chroot of {@code zookeeperConnect} (the brokers' connect string). */
    void createUsers(String zookeeperConnect) {
        try (ZkClient zk = ZkClient.connect(ZkConfig.of(zookeeperConnect))) {
            ZkUserCredentials credentials = new ZkUserCredentials(zk.curator());
            credentials.alter(BROKER_USER, Map.of(MECHANISM, credential(brokerPassword)), Set.of());
            credentials.alter(CLIENT_USER, Map.of(MECHANISM, credential(clientPassword)), Set.of());
        }
    }

    /** A broker's SASL settings for its {@code SASL_SSL} listener on {@code 127.0.0.1:port}, replacing the SSL one. */
    Map<String, String> brokerSettings(int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listeners", "SASL_SSL://127.0.0.1:" + port);
        settings.put("security.inter.broker.protocol", "SASL_SSL");
        settings.put("sasl.enabled.mechanisms", MECHANISM.mechanismName());
        settings.put("sasl.mechanism.inter.broker.protocol", MECHANISM.mechanismName());
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + BROKER_USER + "\" password=\"" + brokerPassword + "\";");
        return settings;
    }

    /** What a client adds to the TLS settings: {@code SASL_SSL} as {@link #CLIENT_USER}. */
    public Map<String, String> clientSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SASL_SSL");
        settings.put("sasl.mechanism", MECHANISM.mechanismName());
        settings.put("sasl.username", CLIENT_USER);
        settings.put("sasl.password", clientPassword);
        return settings;
    }

    private static ScramCredential credential(String password) {
        byte[] salt = SaslMechanisms.salt(32);
        return MECHANISM.credential(salt, MECHANISM.saltedPassword(password, salt, ITERATIONS), ITERATIONS);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
