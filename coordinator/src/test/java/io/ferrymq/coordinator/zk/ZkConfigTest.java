package io.ferrymq.coordinator.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ZkConfigTest {

    @Test
    void chrootDefaultsToFerryAndIsSplitFromTheHosts() {
        assertThat(ZkConfig.of("a:2181,b:2181").hosts()).isEqualTo("a:2181,b:2181");
        assertThat(ZkConfig.of("a:2181,b:2181").chroot()).isEqualTo("/ferry");
        assertThat(ZkConfig.of("a:2181/kafka/one").hosts()).isEqualTo("a:2181");
        assertThat(ZkConfig.of("a:2181/kafka/one").chroot()).isEqualTo("/kafka/one");
        assertThat(ZkConfig.of("a:2181").sessionTimeout()).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> ZkConfig.of("")).hasMessageContaining("zookeeper.connect");
        assertThatThrownBy(() -> ZkConfig.of("a:1/")).hasMessageContaining("invalid chroot '/'");
        assertThatThrownBy(() -> ZkConfig.of("a:1//x")).hasMessageContaining("invalid chroot");
        assertThatThrownBy(() -> ZkConfig.of("a:1").withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("zookeeper.session.timeout.ms");
        assertThatThrownBy(() -> new ZkConfig("a:1", Duration.ofSeconds(1), Duration.ofSeconds(1), -1, Duration.ofMillis(1)))
                .hasMessageContaining("maxRetries");
    }
}
