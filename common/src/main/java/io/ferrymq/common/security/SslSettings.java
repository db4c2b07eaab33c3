package io.ferrymq.common.security;

import static io.ferrymq.common.security.SslConfigKeys.SSL_CIPHER_SUITES;
import static io.ferrymq.common.security.SslConfigKeys.SSL_CLIENT_AUTH;
import static io.ferrymq.common.security.SslConfigKeys.SSL_ENABLED_PROTOCOLS;
import static io.ferrymq.common.security.SslConfigKeys.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM;
import static io.ferrymq.common.security.SslConfigKeys.SSL_KEYSTORE_CERTIFICATE_CHAIN;
import static io.ferrymq.common.security.SslConfigKeys.SSL_KEYSTORE_KEY;
import static io.ferrymq.common.security.SslConfigKeys.SSL_KEYSTORE_LOCATION;
import static io.ferrymq.common.security.SslConfigKeys.SSL_KEYSTORE_PASSWORD;
import static io.ferrymq.common.security.SslConfigKeys.SSL_KEYSTORE_TYPE;
import static io.ferrymq.common.security.SslConfigKeys.SSL_KEY_PASSWORD;
import static io.ferrymq.common.security.SslConfigKeys.SSL_PROTOCOL;
import static io.ferrymq.common.security.SslConfigKeys.SSL_TRUSTSTORE_CERTIFICATES;
import static io.ferrymq.common.security.SslConfigKeys.SSL_TRUSTSTORE_LOCATION;
import static io.ferrymq.common.security.SslConfigKeys.SSL_TRUSTSTORE_PASSWORD;
import static io.ferrymq.common.security.SslConfigKeys.SSL_TRUSTSTORE_TYPE;

import io.ferrymq.common.config.ParsedConfig;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed {@code ssl.*} settings of one TLS endpoint (a client, or one broker listener): the
 * context protocol, enabled versions and cipher suites (empty: the JDK's), the key store and trust
 * store, the hostname check and, on a broker, whether clients must present a certificate.
 *
 * <p>Immutable and thread-safe.
 */
public record SslSettings(String protocol, List<String> enabledProtocols, List<String> cipherSuites, Store keyStore,
                          Optional<String> keyPassword, Store trustStore, String endpointIdentificationAlgorithm,
                          ClientAuth clientAuth) {

    /** Whether a broker listener asks for client certificates. */
    public enum ClientAuth {
        NONE, REQUESTED, REQUIRED
    }

    /**
     * One key or trust store: its type ({@code JKS}, {@code PKCS12}, {@code PEM}), file, password,
     * and for PEM the inline certificates and key. {@link #isConfigured()} is false when nothing
     * was given.
     */
    public record Store(String type, Optional<String> location, Optional<String> password,
                        Optional<String> pemCertificates, Optional<String> pemKey) {

        public boolean isConfigured() {
            return location.isPresent() || pemCertificates.isPresent();
        }

        public boolean isPem() {
            return type.equals("PEM");
        }
    }

    public SslSettings {
        enabledProtocols = List.copyOf(enabledProtocols);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(clientAuth, "clientAuth");
    }

    /** A client's settings in {@code config}, which holds the keys of {@link SslConfigKeys#defineInto}. */
    public static SslSettings forClient(ParsedConfig config) {
        return from(config, ClientAuth.NONE);
    }

    /** A broker listener's settings in {@code config}, which holds {@link SslConfigKeys#BROKER}'s keys. */
    public static SslSettings forServer(ParsedConfig config) {
        return from(config, ClientAuth.valueOf(config.getString(SSL_CLIENT_AUTH).toUpperCase(Locale.ROOT)));
    }

    private static SslSettings from(ParsedConfig config, ClientAuth clientAuth) {
        Store keyStore = new Store(config.getString(SSL_KEYSTORE_TYPE), text(config, SSL_KEYSTORE_LOCATION),
                text(config, SSL_KEYSTORE_PASSWORD), text(config, SSL_KEYSTORE_CERTIFICATE_CHAIN),
                text(config, SSL_KEYSTORE_KEY));
        Store trustStore = new Store(config.getString(SSL_TRUSTSTORE_TYPE), text(config, SSL_TRUSTSTORE_LOCATION),
                text(config, SSL_TRUSTSTORE_PASSWORD), text(config, SSL_TRUSTSTORE_CERTIFICATES), Optional.empty());
        return new SslSettings(config.getString(SSL_PROTOCOL), config.getList(SSL_ENABLED_PROTOCOLS),
                config.getList(SSL_CIPHER_SUITES), keyStore, text(config, SSL_KEY_PASSWORD), trustStore,
                config.getString(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM), clientAuth);
    }

    private static Optional<String> text(ParsedConfig config, String key) {
        return config.getOptional(key).map(String::valueOf);
    }
}
