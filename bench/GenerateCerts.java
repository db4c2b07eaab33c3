import io.ferrymq.common.security.CertificateAuthority;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Certificates for bench/run.sh's SECURITY=ssl, made by the same generator as
 * {@code ferry quickstart --secure} ({@link CertificateAuthority}): a CA, {@code broker-<i>.p12}
 * for brokers 0..N-1 (valid for localhost and 127.0.0.1) and {@code truststore.p12}, all under DIR
 * with one random password, which is printed on stdout.
 *
 * <p>Run: {@code java -cp "$LIB/*" bench/GenerateCerts.java DIR N}.
 */
public class GenerateCerts {

    public static void main(String[] args) {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        CertificateAuthority ca = CertificateAuthority.create(Path.of(args[0]), password, "Ferry bench CA");
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            ca.sign("broker-" + i, "CN=localhost,OU=broker-" + i, CertificateAuthority.LOCAL_SAN);
        }
        System.out.println(password);
    }
}
