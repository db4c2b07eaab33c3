package io.ferrymq.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThrottledReplicasTest {

    private static final String KEY = TopicConfigKeys.LEADER_REPLICATION_THROTTLED_REPLICAS;

    @Test
    void starThrottlesEveryReplicaAndPairsOnlyTheListedOnes() {
        ThrottledReplicas all = ThrottledReplicas.parse(KEY, List.of("*"));
        assertThat(all.includes(0, 1)).isTrue();
        assertThat(all.includes(7, 3)).isTrue();

        ThrottledReplicas some = ThrottledReplicas.parse(KEY, List.of("0:101", " 1:102 "));
        assertThat(some.includes(0, 101)).isTrue();
        assertThat(some.includes(1, 102)).isTrue();
        assertThat(some.includes(0, 102)).isFalse();
        assertThat(some.includes(1, 101)).isFalse();
    }

    @Test
    void anEmptyListThrottlesNothing() {
        assertThat(ThrottledReplicas.parse(KEY, List.of())).isEqualTo(ThrottledReplicas.NONE);
        assertThat(TopicConfigKeys.throttledReplicas(Map.of(), KEY)).isEqualTo(ThrottledReplicas.NONE);
    }

    @Test
    void malformedItemsAreRefusedNamingTheKeyAndTheItem() {
        assertThatThrownBy(() -> ThrottledReplicas.parse(KEY, List.of("0:101", "1-102")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(KEY).hasMessageContaining("'1-102'");
        assertThatThrownBy(() -> ThrottledReplicas.parse(KEY, List.of("*", "0:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'*'");
        assertThatThrownBy(() -> ThrottledReplicas.parse(KEY, List.of("-1:3")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void topicValidationAcceptsBothThrottleListsAndRefusesABadOne() {
        TopicConfigKeys.validate(Map.of(KEY, "0:1,1:2",
                TopicConfigKeys.FOLLOWER_REPLICATION_THROTTLED_REPLICAS, "*"));
        assertThatThrownBy(() -> TopicConfigKeys.validate(Map.of(KEY, "0:x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(KEY);
        assertThat(TopicConfigKeys.throttledReplicas(Map.of(KEY, "0:1,1:2"), KEY).includes(1, 2)).isTrue();
    }
}
