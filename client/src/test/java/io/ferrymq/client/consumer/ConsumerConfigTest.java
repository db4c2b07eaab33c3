package io.ferrymq.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerConfigTest {

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        map.put("bootstrap.servers", "127.0.0.1:9092");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void defaultsFollowKafka() {
        ConsumerConfig config = ConsumerConfig.parse(props());
        assertThat(config.groupId()).isEmpty();
        assertThat(config.autoOffsetReset()).isEqualTo(OffsetResetStrategy.LATEST);
        assertThat(config.enableAutoCommit()).isFalse();
        assertThat(config.fetchMinBytes()).isEqualTo(1);
        assertThat(config.fetchMaxWaitMs()).isEqualTo(500);
        assertThat(config.maxPartitionFetchBytes()).isEqualTo(1024 * 1024);
        assertThat(config.fetchMaxBytes()).isEqualTo(50 * 1024 * 1024);
        assertThat(config.maxPollRecords()).isEqualTo(500);
        assertThat(config.partitionAssignmentStrategy()).containsExactly("range");
    }

    @Test
    void groupEnablesAutoCommitByDefault() {
        ConsumerConfig config = ConsumerConfig.parse(props("group.id", "g1", "auto.offset.reset", "earliest",
                "partition.assignment.strategy", "roundrobin,range"));
        assertThat(config.groupId()).contains("g1");
        assertThat(config.enableAutoCommit()).isTrue();
        assertThat(config.autoOffsetReset()).isEqualTo(OffsetResetStrategy.EARLIEST);
        assertThat(config.partitionAssignmentStrategy()).isEqualTo(List.of("roundrobin", "range"));
    }

    @Test
    void rejectsInvalidValuesNamingTheKey() {
        assertThatThrownBy(() -> ConsumerConfig.parse(props("auto.offset.reset", "smallest")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'auto.offset.reset'")
                .hasMessageContaining("earliest, latest, none");
        assertThatThrownBy(() -> ConsumerConfig.parse(props("max.poll.records", "0")))
                .hasMessageContaining("'max.poll.records'");
        assertThatThrownBy(() -> ConsumerConfig.parse(props("enable.auto.commit", "yes")))
                .hasMessageContaining("'enable.auto.commit'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> ConsumerConfig.parse(props("partition.assignment.strategy", "sticky")))
                .hasMessageContaining("'partition.assignment.strategy'");
        assertThatThrownBy(() -> ConsumerConfig.parse(props("fetch.max.wait.ms", 1.5)))
                .hasMessageContaining("'fetch.max.wait.ms'");
    }

    @Test
    void autoCommitWithoutGroupIsRefused() {
        assertThatThrownBy(() -> ConsumerConfig.parse(props("enable.auto.commit", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'enable.auto.commit'")
                .hasMessageContaining("group.id");
    }

    @Test
    void everyInconsistencyIsReportedAtOnce() {
        assertThatThrownBy(() -> ConsumerConfig.parse(props("enable.auto.commit", "true",
                "session.timeout.ms", "3000", "heartbeat.interval.ms", "3000")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("'enable.auto.commit'").hasMessageContaining("'heartbeat.interval.ms'");
    }

    @Test
    void heartbeatMustBeBelowSessionTimeout() {
        assertThatThrownBy(() -> ConsumerConfig.parse(props("session.timeout.ms", "3000", "heartbeat.interval.ms", "3000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'heartbeat.interval.ms'");
    }
}
