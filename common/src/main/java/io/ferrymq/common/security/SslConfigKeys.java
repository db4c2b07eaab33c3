package io.ferrymq.common.security;

import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.ConfigType.PASSWORD;
import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.LOW;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.any;
import static io.ferrymq.common.config.Validators.nonEmpty;
import static io.ferrymq.common.config.Validators.oneOf;

import io.ferrymq.common.config.ConfigDefinition;
import java.util.List;

/**
 * The TLS keys, with Kafka's names and defaults, shared by the broker (globally and per listener as
 * {@code listener.name.<name>.ssl.*}) and the clients. {@code ssl.client.auth} is the broker's
 * only. Key stores are {@code JKS}, {@code PKCS12} or {@code PEM} (from a file, or inline with
 * {@code ssl.keystore.certificate.chain} / {@code ssl.keystore.key} and
 * {@code ssl.truststore.certificates}, as Kafka 2.7+). Kafka's provider and algorithm keys
 * ({@code ssl.provider}, {@code ssl.keymanager.algorithm}, ...) are not defined: the JDK's defaults
 * are used, and setting one is refused as an unknown key.
 *
 * <p>Constants only; thread-safe.
 */
public final class SslConfigKeys {

    public static final String PREFIX = "ssl.";
    public static final String SSL_PROTOCOL = "ssl.protocol";
    public static final String SSL_ENABLED_PROTOCOLS = "ssl.enabled.protocols";
    public static final String SSL_CIPHER_SUITES = "ssl.cipher.suites";
    public static final String SSL_KEYSTORE_TYPE = "ssl.keystore.type";
    public static final String SSL_KEYSTORE_LOCATION = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "ssl.keystore.password";
    public static final String SSL_KEYSTORE_CERTIFICATE_CHAIN = "ssl.keystore.certificate.chain";
    public static final String SSL_KEYSTORE_KEY = "ssl.keystore.key";
    public static final String SSL_KEY_PASSWORD = "ssl.key.password";
    public static final String SSL_TRUSTSTORE_TYPE = "ssl.truststore.type";
    public static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_CERTIFICATES = "ssl.truststore.certificates";
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = "ssl.endpoint.identification.algorithm";
    public static final String SSL_CLIENT_AUTH = "ssl.client.auth";

    public static final String[] STORE_TYPES = {"JKS", "PKCS12", "PEM"};
    public static final String[] CLIENT_AUTH = {"none", "requested", "required"};

    /** The TLS keys a broker listener understands (the clients' plus {@code ssl.client.auth}). */
    public static final ConfigDefinition BROKER = defineBrokerInto(new ConfigDefinition(), "Security");

    private SslConfigKeys() {
    }

    /** Adds the keys every TLS endpoint has (clients and brokers) to {@code def}. */
    public static ConfigDefinition defineInto(ConfigDefinition def, String group) {
        def.define(group, SSL_PROTOCOL, STRING, "TLSv1.3", nonEmpty(), MEDIUM,
                "The SSLContext protocol; TLSv1.3 also negotiates TLSv1.2 when that is enabled.");
        def.define(group, SSL_ENABLED_PROTOCOLS, LIST, List.of("TLSv1.2", "TLSv1.3"), nonEmpty(), MEDIUM,
                "TLS versions a connection may use.");
        def.define(group, SSL_CIPHER_SUITES, LIST, List.of(), any(), LOW,
                "Cipher suites a connection may use; empty means the JDK's defaults.");
        def.define(group, SSL_KEYSTORE_TYPE, STRING, "JKS", oneOf(STORE_TYPES), MEDIUM,
                "Format of the key store: JKS, PKCS12 or PEM.");
        def.defineOptional(group, SSL_KEYSTORE_LOCATION, STRING, nonEmpty(), HIGH,
                "File of this side's private key and certificate chain (for PEM: the key and the certificates "
                        + "in one file).");
        def.defineOptional(group, SSL_KEYSTORE_PASSWORD, PASSWORD, any(), HIGH,
                "Password of the key store file (not used for PEM).");
        def.defineOptional(group, SSL_KEYSTORE_CERTIFICATE_CHAIN, PASSWORD, any(), HIGH,
                "With ssl.keystore.type=PEM: the certificate chain itself, in PEM.");
        def.defineOptional(group, SSL_KEYSTORE_KEY, PASSWORD, any(), HIGH,
                "With ssl.keystore.type=PEM: the PKCS#8 private key itself, in PEM (encrypted when "
                        + "ssl.key.password is set).");
        def.defineOptional(group, SSL_KEY_PASSWORD, PASSWORD, any(), HIGH,
                "Password of the private key (in a JKS/PKCS12 store: defaults to the store's password).");
        def.define(group, SSL_TRUSTSTORE_TYPE, STRING, "JKS", oneOf(STORE_TYPES), MEDIUM,
                "Format of the trust store: JKS, PKCS12 or PEM.");
        def.defineOptional(group, SSL_TRUSTSTORE_LOCATION, STRING, nonEmpty(), HIGH,
                "File of the certificates this side trusts; unset means the JDK's default trust store.");
        def.defineOptional(group, SSL_TRUSTSTORE_PASSWORD, PASSWORD, any(), HIGH,
                "Password of the trust store file (not used for PEM).");
        def.defineOptional(group, SSL_TRUSTSTORE_CERTIFICATES, PASSWORD, any(), HIGH,
                "With ssl.truststore.type=PEM: the trusted certificates themselves, in PEM.");
        def.define(group, SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, STRING, "https", any(), MEDIUM,
                "https: a client checks that the broker's certificate names the host it connected to; "
                        + "empty disables the check.");
        return def;
    }

    /** Adds the broker's TLS keys (those of {@link #defineInto} and {@code ssl.client.auth}). */
    public static ConfigDefinition defineBrokerInto(ConfigDefinition def, String group) {
        defineInto(def, group);
        def.define(group, SSL_CLIENT_AUTH, STRING, "none", oneOf(CLIENT_AUTH), HIGH,
                "Whether a TLS listener asks clients for a certificate: none, requested (optional) or "
                        + "required (the handshake fails without a trusted one). The certificate's subject "
                        + "is the connection's principal.");
        return def;
    }
}
