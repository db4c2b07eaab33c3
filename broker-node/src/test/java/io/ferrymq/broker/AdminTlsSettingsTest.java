package io.ferrymq.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.common.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code admin.http.ssl.enable}: off by default, and refused at start-up without a key store to serve with. */
class AdminTlsSettingsTest {

    private static BrokerConfig config(Map<String, String> extra) {
        Map<String, String> raw = new HashMap<>(Map.of("broker.id", "1", "zookeeper.connect", "127.0.0.1:2181"));
        raw.putAll(extra);
        return BrokerConfig.of(raw);
    }

    @Test
    void offByDefault() {
        assertThat(BrokerListeners.adminTls(config(Map.of()))).isEmpty();
    }

    @Test
    void onWithoutAKeyStoreOnTheInterBrokerListenerIsAConfigError() {
        assertThatThrownBy(() -> BrokerListeners.adminTls(config(Map.of("admin.http.ssl.enable", "true"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.http.ssl.enable is on, but the inter-broker listener PLAINTEXT has no key store")
                .hasMessageContaining("ssl.keystore.location");
    }
}
