package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.record.TimestampType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLogConfigTest {

    private static final LogConfig BROKER = LogConfig.defaults(Path.of("/data/ferry"))
            .withRetention(3_600_000L, 1_000_000L).withFlush(10_000L, 5_000L);

    @Test
    void noOverridesLeaveTheBrokerSettings() {
        assertThat(TopicLogConfig.merge(BROKER, Map.of())).isEqualTo(BROKER);
    }

    @Test
    void everyLogKeyReplacesTheBrokerSettingItIsASynonymOf() {
        LogConfig merged = TopicLogConfig.merge(BROKER, Map.ofEntries(
                Map.entry("retention.ms", "60000"), Map.entry("retention.bytes", "-1"),
                Map.entry("segment.bytes", "4096"), Map.entry("segment.ms", "1000"),
                Map.entry("segment.index.bytes", "1024"), Map.entry("index.interval.bytes", "128"),
                Map.entry("flush.messages", "1"), Map.entry("flush.ms", "10"),
                Map.entry("max.message.bytes", "2048"), Map.entry("message.timestamp.type", "LogAppendTime")));
        assertThat(merged.retentionMs()).isEqualTo(60_000L);
        assertThat(merged.retentionBytes()).isEqualTo(-1L);
        assertThat(merged.segmentBytes()).isEqualTo(4096);
        assertThat(merged.rollMs()).isEqualTo(1000L);
        assertThat(merged.indexSizeMaxBytes()).isEqualTo(1024);
        assertThat(merged.indexIntervalBytes()).isEqualTo(128);
        assertThat(merged.flushIntervalMessages()).isEqualTo(1L);
        assertThat(merged.flushIntervalMs()).isEqualTo(10L);
        assertThat(merged.messageMaxBytes()).isEqualTo(2048);
        assertThat(merged.messageTimestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(merged.logDirs()).isEqualTo(BROKER.logDirs());
        assertThat(merged.retentionCheckIntervalMs()).isEqualTo(BROKER.retentionCheckIntervalMs());
        assertThat(merged.producerIdExpirationMs()).isEqualTo(BROKER.producerIdExpirationMs());
    }

    @Test
    void keysThatAreNotAboutTheLogLeaveItUnchanged() {
        assertThat(TopicLogConfig.merge(BROKER, Map.of("min.insync.replicas", "2", "compression.type", "zstd",
                "unclean.leader.election.enable", "true", "cleanup.policy", "delete",
                "message.timestamp.type", "CreateTime"))).isEqualTo(BROKER);
    }

    @Test
    void anInvalidOverrideIsRefusedNamingIt() {
        assertThatThrownBy(() -> TopicLogConfig.merge(BROKER, Map.of("segment.bytes", "ten")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'segment.bytes'");
    }
}
