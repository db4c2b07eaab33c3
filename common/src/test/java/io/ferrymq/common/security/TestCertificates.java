package io.ferrymq.common.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test certificates made with {@link CertificateAuthority} (the JDK's {@code keytool}): a CA, and
 * PKCS12 key stores signed by it for a broker ({@code CN=localhost}, SAN {@code localhost} and
 * {@code 127.0.0.1}) and a client ({@code CN=client,O=Ferry}); a broker
 * certificate that expired yesterday; one that names only {@code wrong.example}; a self-signed one
 * the CA never saw; and the trust store holding the CA. Every store has password {@link #PASSWORD}.
 * {@link #generate} writes them into a directory; {@link #shared} generates once per JVM.
 * {@link #brokerSsl}/{@link #clientSsl} give the {@code ssl.*} settings that use them, and
 * {@link #pem} the same key as PEM text.
 *
 * <p>Immutable after generation; thread-safe.
 */
public final class TestCertificates {

    public static final String PASSWORD = "s3cret-store";
    public static final String BROKER = "broker";
    public static final String CLIENT = "client";
    public static final String EXPIRED = "expired";
    public static final String WRONG_HOST = "wrong-host";
    public static final String UNTRUSTED = "untrusted";
    public static final String CLIENT_DN = "CN=client,O=Ferry";
    private static final String LOCAL_SAN = CertificateAuthority.LOCAL_SAN;
    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Certificates generated once per JVM in a temporary directory (removed with the JVM's temp files). */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            try {
                shared = generate(Files.createTempDirectory("ferry-test-certs"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Generates every store into {@code dir}. */
    public static TestCertificates generate(Path dir) {
        CertificateAuthority ca = CertificateAuthority.create(dir, PASSWORD, "Ferry Test CA");
        ca.sign(BROKER, "CN=localhost", LOCAL_SAN);
        ca.sign(CLIENT, CLIENT_DN, "SAN=dns:client");
        ca.sign(EXPIRED, "CN=localhost", LOCAL_SAN, List.of("-startdate", "-3d", "-validity", "1"));
        ca.sign(WRONG_HOST, "CN=wrong.example", "SAN=dns:wrong.example");
        ca.keytool().run("-genkeypair", "-keystore", UNTRUSTED + ".p12", "-alias", UNTRUSTED, "-dname", "CN=localhost",
                "-ext", LOCAL_SAN, "-validity", "365");
        return new TestCertificates(dir);
    }

    /** The PKCS12 key store of {@code name} ({@link #BROKER}, {@link #CLIENT}, ...). */
    public Path keyStore(String name) {
        return dir.resolve(name + ".p12");
    }

    /** The PKCS12 trust store holding the CA. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** A broker listener's {@code ssl.*} settings with key store {@code name} and the CA as trust store. */
    public Map<String, String> brokerSsl(String name) {
        return storeSettings(name);
    }

    /** A client's {@code ssl.*} settings trusting the CA (with key store {@code name} unless it is null). */
    public Map<String, String> clientSsl(String name) {
        return name == null ? trustSettings() : storeSettings(name);
    }

    /**
     * The key and certificate chain of {@code name} as PEM: {@code ssl.keystore.type=PEM} with
     * {@code ssl.keystore.certificate.chain} and {@code ssl.keystore.key} (PKCS#8, not encrypted),
     * and the CA as {@code ssl.truststore.certificates}.
     */
    public Map<String, String> pem(String name) {
        try (InputStream in = Files.newInputStream(keyStore(name))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            Key key = store.getKey(name, PASSWORD.toCharArray());
            List<String> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(name)) {
                chain.add(pemBlock("CERTIFICATE", certificate.getEncoded()));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("ssl.keystore.type", "PEM");
            settings.put("ssl.keystore.certificate.chain", String.join("", chain));
            settings.put("ssl.keystore.key", pemBlock("PRIVATE KEY", key.getEncoded()));
            settings.put("ssl.truststore.type", "PEM");
            settings.put("ssl.truststore.certificates", Files.readString(dir.resolve("ca.crt"), StandardCharsets.US_ASCII));
            return settings;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot export " + name + " as PEM", e);
        }
    }

    private Map<String, String> storeSettings(String name) {
        Map<String, String> settings = trustSettings();
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.location", keyStore(name).toString());
        settings.put("ssl.keystore.password", PASSWORD);
        settings.put("ssl.key.password", PASSWORD);
        return settings;
    }

    private Map<String, String> trustSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.location", trustStore().toString());
        settings.put("ssl.truststore.password", PASSWORD);
        return settings;
    }

    private static String pemBlock(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
