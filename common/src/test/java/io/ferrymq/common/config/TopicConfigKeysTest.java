package io.ferrymq.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigKeysTest {

    @Test
    void minInsyncReplicasIsReadFromTheTopicConfigsIgnoringOtherKeys() {
        assertThat(TopicConfigKeys.minInsyncReplicas(Map.of("retention.ms", "1000"))).isEmpty();
        assertThat(TopicConfigKeys.minInsyncReplicas(Map.of("min.insync.replicas", " 2 ", "segment.bytes", "x")))
                .contains(2);
    }

    @Test
    void anInvalidMinInsyncReplicasIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> TopicConfigKeys.minInsyncReplicas(Map.of("min.insync.replicas", "two")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'min.insync.replicas'");
        assertThatThrownBy(() -> TopicConfigKeys.minInsyncReplicas(Map.of("min.insync.replicas", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[1,...]");
    }
}
