package io.ferrymq.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    @TempDir
    Path dir;

    @Test
    void signedKeyStoreChainsToTheCaAndNamesTheLocalHost() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir.resolve("certs"), "pw-123456", "Unit CA");
        ca.sign("broker-1", "CN=localhost,OU=broker-1", CertificateAuthority.LOCAL_SAN);

        Certificate[] chain = load(ca.keyStore("broker-1")).getCertificateChain("broker-1");
        assertThat(chain).hasSize(2);
        X509Certificate leaf = (X509Certificate) chain[0];
        X509Certificate root = (X509Certificate) load(ca.trustStore()).getCertificate("ca");
        leaf.verify(root.getPublicKey());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,OU=broker-1");
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(Files.readString(ca.certificate())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void aKeytoolFailureCarriesKeytoolsOutput() {
        CertificateAuthority ca = CertificateAuthority.create(dir, "pw-123456", "Unit CA");

        assertThatThrownBy(() -> ca.sign("x", "CN=x", "SAN=nonsense:x", List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keytool -gencert").hasMessageContaining("nonsense");
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "pw-123456".toCharArray());
        }
        return store;
    }
}
