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

    @Test
    void everyDefinedKeyWithAValidValueIsAccepted() {
        TopicConfigKeys.validate(Map.of("retention.ms", "60000", "segment.bytes", "1024", "cleanup.policy", "delete",
                "message.timestamp.type", "LogAppendTime", "unclean.leader.election.enable", "true",
                "max.message.bytes", "500", "flush.messages", "1", "segment.index.bytes", "4096"));
        assertThat(TopicConfigKeys.uncleanLeaderElectionEnable(Map.of("unclean.leader.election.enable", "true")))
                .contains(true);
    }

    @Test
    void keysFerryDoesNotImplementAreRefusedNamingThem() {
        assertThatThrownBy(() -> TopicConfigKeys.validate(Map.of("segment.jitter.ms", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'segment.jitter.ms'")
                .hasMessageContaining("not implemented by Ferry");
        assertThatThrownBy(() -> TopicConfigKeys.validate(Map.of("file.delete.delay.ms", "10")))
                .hasMessageContaining("'file.delete.delay.ms'").hasMessageContaining("not implemented by Ferry");
        assertThatThrownBy(() -> TopicConfigKeys.validate(Map.of("cleanup.policy", "compact,delete")))
                .hasMessageContaining("cleanup.policy=compact,delete").hasMessageContaining("not implemented");
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> TopicConfigKeys.validate(Map.of("retention.minutes", "10")))
                .hasMessageContaining("unknown topic config 'retention.minutes'");
        assertThatThrownBy(() -> TopicConfigKeys.validate(Map.of("message.timestamp.type", "WallTime")))
                .hasMessageContaining("'message.timestamp.type'");
        assertThatThrownBy(() -> TopicConfigKeys.validate(Map.of("segment.bytes", "10")))
                .hasMessageContaining("'segment.bytes'").hasMessageContaining("[100,...]");
    }

    @Test
    void everyKeyButTheThrottledReplicaListsHasABrokerSynonym() {
        // as in Kafka: which replicas are throttled is only ever a topic's business
        TopicConfigKeys.DEFINITION.keys().stream()
                .filter(key -> !key.name().endsWith(".replication.throttled.replicas"))
                .forEach(key -> assertThat(TopicConfigKeys.BROKER_SYNONYMS).containsKey(key.name()));
    }
}
