package io.ferrymq.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ZooKeeperAuthTest {

    @Test
    void noOptionsMeansNoAuthSettings() {
        assertThat(ZooKeeperAuth.serverProperties(false, List.of())).isEmpty();
    }

    @Test
    void requiringDigestEnforcesItWithoutSasl() {
        Properties properties = ZooKeeperAuth.serverProperties(false, List.of("digest"));

        assertThat(properties).containsEntry("enforce.auth.enabled", "true")
                .containsEntry("enforce.auth.schemes", "digest")
                .doesNotContainKey("authProvider.sasl");
    }

    @Test
    void unknownSchemeIsRefusedByName() {
        assertThatThrownBy(() -> ZooKeeperAuth.serverProperties(false, List.of("sasl", "kerberos")))
                .hasMessage("--require-auth takes sasl and/or digest, was 'kerberos'");
    }

    @Test
    void saslWithoutAJaasFileIsRefused() {
        assertThat(System.getProperty(ZooKeeperAuth.JAAS_PROPERTY)).as("this test JVM has no JAAS file").isNull();
        assertThatThrownBy(() -> ZooKeeperAuth.serverProperties(true, List.of()))
                .hasMessage("SASL needs a JAAS file with a 'Server' section: start with -D"
                        + "java.security.auth.login.config=FILE (e.g. in FERRY_JVM_OPTS)");
        assertThatThrownBy(() -> ZooKeeperAuth.serverProperties(false, List.of("sasl")))
                .hasMessageStartingWith("SASL needs a JAAS file");
    }
}
