package io.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.config.DynamicBrokerConfig.Layer;
import io.ferrymq.broker.config.DynamicBrokerConfig.Source;
import io.ferrymq.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicBrokerConfigTest {

    private static final BrokerConfig STATIC = BrokerConfig.of(Map.of("broker.id", "3", "zookeeper.connect", "zk:2181",
            "log.segment.bytes", "5000", "message.max.bytes", "2000"));

    private static int segmentBytes(DynamicBrokerConfig layers) {
        return layers.effective().getInt(LogConfigKeys.LOG_SEGMENT_BYTES);
    }

    @Test
    void perBrokerWinsOverClusterDefaultOverStaticOverDefault() {
        DynamicBrokerConfig none = DynamicBrokerConfig.of(STATIC);
        DynamicBrokerConfig withDefault = none.withClusterDefault(Map.of("log.segment.bytes", "4000",
                "log.retention.bytes", "9000"));
        DynamicBrokerConfig withBoth = withDefault.withPerBroker(Map.of("log.segment.bytes", "3000"));

        assertThat(segmentBytes(none)).isEqualTo(5000);
        assertThat(segmentBytes(withDefault)).isEqualTo(4000);
        assertThat(segmentBytes(withBoth)).isEqualTo(3000);
        assertThat(withBoth.effective().getLong(LogConfigKeys.LOG_RETENTION_BYTES)).isEqualTo(9000);
        assertThat(withBoth.effective().getInt(LogConfigKeys.MESSAGE_MAX_BYTES)).isEqualTo(2000);
        assertThat(withBoth.effective().getInt(LogConfigKeys.LOG_INDEX_INTERVAL_BYTES)).isEqualTo(4096);
        assertThat(withBoth.withPerBroker(Map.of()).effective().getInt(LogConfigKeys.LOG_SEGMENT_BYTES))
                .as("deleting the per-broker value falls back to the cluster default").isEqualTo(4000);
    }

    @Test
    void layersListEverySourceOfAKeyHighestPrecedenceFirst() {
        DynamicBrokerConfig layers = DynamicBrokerConfig.of(STATIC, Map.of("log.segment.bytes", "4000"),
                Map.of("log.segment.bytes", "3000"));
        assertThat(layers.layers(BrokerConfigKeys.DEFINITION.key("log.segment.bytes").orElseThrow())).containsExactly(
                new Layer(Source.DYNAMIC_BROKER, "3000"), new Layer(Source.DYNAMIC_DEFAULT, "4000"),
                new Layer(Source.STATIC, "5000"), new Layer(Source.DEFAULT, "1073741824"));
        assertThat(layers.layers(BrokerConfigKeys.DEFINITION.key("log.flush.interval.ms").orElseThrow()))
                .extracting(Layer::source).containsExactly(Source.DEFAULT);
    }

    @Test
    void readOnlyAndUnknownKeysAreRefusedWithADifferentMessage() {
        assertThatThrownBy(() -> DynamicBrokerConfig.validateDynamic(Map.of("log.dirs", "/tmp/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'log.dirs' is read-only")
                .hasMessageContaining("log.segment.bytes");
        assertThatThrownBy(() -> DynamicBrokerConfig.validateDynamic(Map.of("log.segmnt.bytes", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown broker config 'log.segmnt.bytes'");
        assertThatThrownBy(() -> DynamicBrokerConfig.of(STATIC).withClusterDefault(Map.of("log.segment.bytes", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.segment.bytes");
    }

    @Test
    void theDynamicKeysAreTheMarkedOnesAndIncludeTheThrottleRates() {
        assertThat(DynamicBrokerConfig.dynamicKeys()).contains("log.segment.bytes", "log.retention.ms",
                "message.max.bytes", "unclean.leader.election.enable", "leader.replication.throttled.rate",
                "follower.replication.throttled.rate").doesNotContain("broker.id", "log.dirs", "listeners");
    }

    @Test
    void changedDynamicKeysNameWhatAChangeOfLayersChanged() {
        DynamicBrokerConfig before = DynamicBrokerConfig.of(STATIC);
        DynamicBrokerConfig after = before.withClusterDefault(Map.of("leader.replication.throttled.rate", "1000",
                "message.max.bytes", "2000"));
        assertThat(after.changedDynamicKeys(before)).containsExactly("leader.replication.throttled.rate");
    }
}
