package io.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenerConfigTest {

    private static BrokerConfig config(Map<String, String> extra) {
        Map<String, String> raw = new HashMap<>(Map.of("broker.id", "1", "zookeeper.connect", "127.0.0.1:2181"));
        raw.putAll(extra);
        return BrokerConfig.of(raw);
    }

    private static Map<String, String> internalAndExternal() {
        Map<String, String> raw = new HashMap<>();
        raw.put("listeners", "INTERNAL://:9093,external://10.0.0.1:9094");
        raw.put("listener.security.protocol.map", "INTERNAL:SSL,EXTERNAL:PLAINTEXT");
        raw.put("inter.broker.listener.name", "INTERNAL");
        raw.put("ssl.keystore.location", "/etc/ferry/global.p12");
        return raw;
    }

    @Test
    void customListenerNamesMapToProtocolsAndEachGetsItsOwnTlsOverrides() {
        Map<String, String> raw = internalAndExternal();
        raw.put("listener.name.internal.ssl.keystore.location", "/etc/ferry/internal.p12");
        raw.put("listener.name.internal.ssl.client.auth", "required");

        BrokerConfig config = config(raw);

        assertThat(config.listeners()).containsExactly(
                new Endpoint("INTERNAL", SecurityProtocol.SSL, "", 9093),
                new Endpoint("EXTERNAL", SecurityProtocol.PLAINTEXT, "10.0.0.1", 9094));
        assertThat(config.interBrokerListenerName()).isEqualTo("INTERNAL");
        SslSettings internal = config.sslSettings("INTERNAL");
        assertThat(internal.keyStore().location()).contains("/etc/ferry/internal.p12");
        assertThat(internal.clientAuth()).isEqualTo(SslSettings.ClientAuth.REQUIRED);
        assertThat(config.sslSettings("EXTERNAL").keyStore().location()).isEqualTo(Optional.of("/etc/ferry/global.p12"));
        assertThat(config.sslSettings("EXTERNAL").clientAuth()).isEqualTo(SslSettings.ClientAuth.NONE);
    }

    @Test
    void aListenerNameOrPortTwiceIsRefused() {
        assertThatThrownBy(() -> config(Map.of("listeners", "PLAINTEXT://:9092,PLAINTEXT://:9093")))
                .hasMessageContaining("names listener PLAINTEXT twice");
        assertThatThrownBy(() -> config(Map.of("listeners", "PLAINTEXT://:9092,SSL://:9092",
                "ssl.keystore.location", "/k.p12")))
                .hasMessageContaining("uses port 9092 twice");
        assertThatThrownBy(() -> config(Map.of("listener.security.protocol.map", "A:SSL,a:PLAINTEXT")))
                .hasMessageContaining("A is mapped twice");
    }

    @Test
    void kafkaListenersNeverCarryReplication() {
        BrokerConfig config = config(Map.of("listeners", "PLAINTEXT://:9092,KAFKA://:9093,kafka_local://:9094",
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,KAFKA:PLAINTEXT,KAFKA_LOCAL:PLAINTEXT",
                "kafka.listener.names", "KAFKA,kafka_local"));
        assertThat(config.kafkaListenerNames()).containsExactlyInAnyOrder("KAFKA", "KAFKA_LOCAL");
        assertThat(config(Map.of("listeners", "PLAINTEXT://:9092,KAFKA://:9093")).listeners())
                .extracting(Endpoint::securityProtocol).containsOnly(SecurityProtocol.PLAINTEXT);

        assertThatThrownBy(() -> config(Map.of("listeners", "PLAINTEXT://:9092,KAFKA://:9093",
                "inter.broker.listener.name", "KAFKA")))
                .hasMessageContaining("the inter-broker listener KAFKA speaks Kafka's protocol");
    }

    @Test
    void theInterBrokerListenerMustExistAndBeChosenOnce() {
        Map<String, String> both = internalAndExternal();
        both.put("security.inter.broker.protocol", "SSL");
        Map<String, String> noPlaintext = internalAndExternal();
        noPlaintext.remove("inter.broker.listener.name");

        assertThatThrownBy(() -> config(both))
                .hasMessageContaining("set only one of inter.broker.listener.name and security.inter.broker.protocol");
        assertThatThrownBy(() -> config(noPlaintext))
                .hasMessageContaining("the inter-broker listener PLAINTEXT (security.inter.broker.protocol) is not in listeners");
    }

    @Test
    void advertisedListenersAndOverridesMustNameConfiguredListeners() {
        Map<String, String> advertised = internalAndExternal();
        advertised.put("advertised.listeners", "OTHER://broker.example:9095");
        Map<String, String> override = internalAndExternal();
        override.put("listener.name.other.ssl.keystore.location", "/x.p12");
        Map<String, String> notSsl = internalAndExternal();
        notSsl.put("listener.name.internal.num.io.threads", "4");

        assertThatThrownBy(() -> config(advertised)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("listener OTHER has no security protocol");
        assertThatThrownBy(() -> config(override)).hasMessageContaining("overrides listener OTHER, which is not in listeners");
        assertThatThrownBy(() -> config(notSsl))
                .hasMessageContaining("'listener.name.internal.num.io.threads': only ssl.* keys may be set per listener");
    }

    @Test
    void aTlsListenerWithoutAKeyStoreOrWithABadOverrideIsRefusedNamingTheKey() {
        Map<String, String> noKeyStore = internalAndExternal();
        noKeyStore.remove("ssl.keystore.location");
        Map<String, String> badAuth = internalAndExternal();
        badAuth.put("listener.name.internal.ssl.client.auth", "sometimes");

        assertThatThrownBy(() -> config(noKeyStore))
                .hasMessageContaining("listener INTERNAL uses SSL and needs ssl.keystore.location");
        assertThatThrownBy(() -> config(badAuth))
                .hasMessageContaining("listener INTERNAL").hasMessageContaining("ssl.client.auth");
    }
}
