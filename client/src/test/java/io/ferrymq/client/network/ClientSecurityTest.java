package io.ferrymq.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SecurityProtocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSecurityTest {

    @Test
    void plaintextIsTheDefaultAndSaslIsRefusedNamingTheMissingPiece() {
        assertThat(ProducerConfig.parse(Map.of("bootstrap.servers", "b:9092")).security())
                .isEqualTo(ClientSecurity.PLAINTEXT);
        assertThatThrownBy(() -> ProducerConfig.parse(Map.of("bootstrap.servers", "b:9092",
                "security.protocol", "SASL_SSL")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("security.protocol").hasMessageContaining("no SASL mechanism");
    }

    @Test
    void anUnreadableTrustStoreFailsTheClientNamingTheKey() {
        assertThatThrownBy(() -> ProducerConfig.parse(Map.of("bootstrap.servers", "b:9093",
                "security.protocol", "SSL", "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", "/nonexistent/ca.p12")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.truststore.location").hasMessageContaining("/nonexistent/ca.p12");
    }

    @Test
    void sslWithTheJdkTrustStoreNeedsNoStoreSettings() {
        ClientSecurity security = ProducerConfig.parse(Map.of("bootstrap.servers", "b:9093",
                "security.protocol", "ssl")).security();

        assertThat(security.protocol()).isEqualTo(SecurityProtocol.SSL);
        assertThat(security.tls()).isPresent();
        assertThatThrownBy(() -> new ClientSecurity(SecurityProtocol.PLAINTEXT, security.tls()))
                .hasMessageContaining("PLAINTEXT takes no TLS settings");
    }
}
