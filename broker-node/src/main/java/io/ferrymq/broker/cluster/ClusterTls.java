package io.ferrymq.broker.cluster;

import io.ferrymq.common.security.CertificateAuthority;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The certificates of a TLS {@link LocalCluster}, generated at start in one directory with
 * {@link CertificateAuthority}: a CA made for this cluster only, one key store per broker
 * ({@code broker-<id>.p12}, {@code CN=localhost,OU=broker-<id>}, valid for {@code localhost} and
 * {@code 127.0.0.1}) and the trust store holding the CA, which clients and brokers use to check the
 * brokers. Every store has one random password. The brokers listen with {@code SSL} only and talk
 * to each other over it ({@code security.inter.broker.protocol=SSL}); clients need only the trust
 * store ({@code ssl.client.auth=none}). Immutable and thread-safe.
 */
public final class ClusterTls {

    private final CertificateAuthority ca;

    private ClusterTls(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** Generates a CA and key stores for brokers 1..{@code brokers} into {@code dir}; takes seconds (keytool). */
    public static ClusterTls generate(Path dir, int brokers) {
        CertificateAuthority ca = CertificateAuthority.create(dir, randomPassword(), "Ferry local cluster CA");
        for (int id = 1; id <= brokers; id++) {
            ca.sign(brokerStore(id), "CN=localhost,OU=" + brokerStore(id), CertificateAuthority.LOCAL_SAN);
        }
        return new ClusterTls(ca);
    }

    /** Broker {@code id}'s listener and TLS settings for a listener on {@code 127.0.0.1:port}. */
    Map<String, String> brokerSettings(int id, int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listeners", "SSL://127.0.0.1:" + port);
        settings.put("security.inter.broker.protocol", "SSL");
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.location", ca.keyStore(brokerStore(id)).toString());
        settings.put("ssl.keystore.password", ca.password());
        settings.put("ssl.key.password", ca.password());
        settings.putAll(clientSettings());
        settings.remove("security.protocol");
        return settings;
    }

    /** A client's settings: {@code security.protocol=SSL} and the trust store holding the CA. */
    public Map<String, String> clientSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("security.protocol", "SSL");
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.location", ca.trustStore().toString());
        settings.put("ssl.truststore.password", ca.password());
        return settings;
    }

    /** The CA's certificate (PEM), for clients that take one. */
    public Path caCertificate() {
        return ca.certificate();
    }

    private static String brokerStore(int id) {
        return "broker-" + id;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
