package io.ferrymq.common.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority in a directory, made with the JDK's {@code keytool} (see {@link Keytool}):
 * {@code ca.p12} (the CA's key), {@code ca.crt} (its certificate, PEM) and {@code truststore.p12}
 * (a PKCS12 trust store holding only the CA). {@link #sign} makes {@code <name>.p12}: a new key pair
 * whose certificate the CA signed, with the CA in its chain. Every store has the one password given
 * at creation. Used by {@code ferry quickstart --secure}, the benchmark and the tests. Immutable;
 * calls that sign the same name must not overlap.
 */
public final class CertificateAuthority {

    /** A subject alternative name for a server on this machine: {@code localhost} and {@code 127.0.0.1}. */
    public static final String LOCAL_SAN = "SAN=dns:localhost,ip:127.0.0.1";
    private static final String VALIDITY_DAYS = "365";

    private final Path dir;
    private final String password;
    private final Keytool keytool;

    private CertificateAuthority(Path dir, String password) {
        this.dir = dir;
        this.password = password;
        this.keytool = new Keytool(dir, password);
    }

    /** Creates the CA ({@code CN=<commonName>}, ten years) and its trust store in {@code dir} (created if absent). */
    public static CertificateAuthority create(Path dir, String password, String commonName) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        CertificateAuthority ca = new CertificateAuthority(dir, password);
        ca.keytool.run("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=" + commonName,
                "-ext", "bc:c", "-validity", "3650");
        ca.keytool.run("-exportcert", "-rfc", "-keystore", "ca.p12", "-alias", "ca", "-file", "ca.crt");
        ca.keytool.run("-importcert", "-noprompt", "-keystore", "truststore.p12", "-alias", "ca", "-file", "ca.crt");
        return ca;
    }

    /** {@link #sign(String, String, String, List)} valid from now for a year. */
    public Path sign(String name, String dname, String san) {
        return sign(name, dname, san, List.of("-validity", VALIDITY_DAYS));
    }

    /**
     * Makes key store {@code <name>.p12} (alias {@code name}): a key pair with subject {@code dname}, its
     * certificate signed by this CA with extension {@code san} (keytool's {@code SAN=dns:...,ip:...}) and
     * keytool's {@code validity} options, followed by the CA's certificate in the chain.
     */
    public Path sign(String name, String dname, String san, List<String> validity) {
        String store = name + ".p12";
        keytool.run("-genkeypair", "-keystore", store, "-alias", name, "-dname", dname);
        keytool.run("-certreq", "-keystore", store, "-alias", name, "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-keystore", "ca.p12", "-alias", "ca",
                "-infile", name + ".csr", "-outfile", name + ".crt", "-ext", san));
        gencert.addAll(validity);
        keytool.run(gencert.toArray(String[]::new));
        keytool.run("-importcert", "-noprompt", "-keystore", store, "-alias", "ca", "-file", "ca.crt");
        keytool.run("-importcert", "-noprompt", "-keystore", store, "-alias", name, "-file", name + ".crt");
        return keyStore(name);
    }

    /** The keytool this CA runs, in its directory with its password (for stores it does not sign). */
    public Keytool keytool() {
        return keytool;
    }

    public Path dir() {
        return dir;
    }

    public String password() {
        return password;
    }

    /** The PKCS12 key store {@link #sign} made for {@code name}. */
    public Path keyStore(String name) {
        return dir.resolve(name + ".p12");
    }

    /** The PKCS12 trust store holding only the CA. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** The CA's certificate, PEM. */
    public Path certificate() {
        return dir.resolve("ca.crt");
    }
}
