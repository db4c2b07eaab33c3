package io.ferrymq.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerConfigTest {

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
        ProducerConfig config = ProducerConfig.parse(props());
        assertThat(config.acks()).isEqualTo((short) -1);
        assertThat(config.batchSize()).isEqualTo(16384);
        assertThat(config.bufferMemory()).isEqualTo(32L * 1024 * 1024);
        assertThat(config.maxBlockMs()).isEqualTo(60_000);
        assertThat(config.deliveryTimeoutMs()).isEqualTo(120_000);
        assertThat(config.requestTimeoutMs()).isEqualTo(30_000);
        assertThat(config.maxInFlightRequestsPerConnection()).isEqualTo(5);
        assertThat(config.compressionType()).isEqualTo("none");
        assertThat(config.bootstrapServers()).hasSize(1);
        assertThat(config.bootstrapServers().get(0).getHostString()).isEqualTo("127.0.0.1");
        assertThat(config.bootstrapServers().get(0).getPort()).isEqualTo(9092);
    }

    @Test
    void acceptsStringAndTypedValues() {
        ProducerConfig config = ProducerConfig.parse(props("acks", "1", "linger.ms", 7, "batch.size", "1000",
                "bootstrap.servers", "a:1, b:2", "compression.type", "gzip"));
        assertThat(config.acks()).isEqualTo((short) 1);
        assertThat(config.lingerMs()).isEqualTo(7);
        assertThat(config.batchSize()).isEqualTo(1000);
        assertThat(config.bootstrapServers()).extracting(a -> a.getHostString()).containsExactly("a", "b");
        assertThat(config.compressionType()).isEqualTo("gzip");
        assertThat(ProducerConfig.parse(props("acks", "0")).acks()).isZero();
        assertThat(ProducerConfig.parse(props("acks", "-1")).acks()).isEqualTo((short) -1);
    }

    @Test
    void rejectsInvalidValuesNamingTheKey() {
        assertThatThrownBy(() -> ProducerConfig.parse(props("acks", "2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'acks'").hasMessageContaining("all, -1, 0, 1");
        assertThatThrownBy(() -> ProducerConfig.parse(props("linger.ms", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'linger.ms'").hasMessageContaining("soon");
        assertThatThrownBy(() -> ProducerConfig.parse(props("batch.size", "-5")))
                .hasMessageContaining("'batch.size'").hasMessageContaining("[64,...]");
        assertThatThrownBy(() -> ProducerConfig.parse(props("compression.type", "brotli")))
                .hasMessageContaining("'compression.type'").hasMessageContaining("none, gzip, snappy, lz4, zstd");
        assertThatThrownBy(() -> ProducerConfig.parse(props("bootstrap.servers", "nohost")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers").hasMessageContaining("nohost");
        assertThatThrownBy(() -> ProducerConfig.parse(props("bootstrap.servers", "h:70000")))
                .hasMessageContaining("h:70000");
    }

    @Test
    void rejectsUnknownAndMissingKeys() {
        assertThatThrownBy(() -> ProducerConfig.parse(props("lingr.ms", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown configuration 'lingr.ms'");
        assertThatThrownBy(() -> ProducerConfig.parse(Map.of("acks", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'bootstrap.servers'")
                .satisfies(e -> assertThat(((ConfigException) e).key()).contains("bootstrap.servers"));
    }

    @Test
    void everyBadKeyIsReportedWithTheNearestKnownKey() {
        assertThatThrownBy(() -> ProducerConfig.parse(props("lingr.ms", "5", "acks", "2", "batch.sise", "100")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "Unknown configuration 'batch.sise' (did you mean 'batch.size'?)",
                        "Unknown configuration 'lingr.ms' (did you mean 'linger.ms'?)",
                        "Invalid value '2' for configuration 'acks': allowed values are one of [all, -1, 0, 1]"));
    }

    @Test
    void inconsistentPairsAreReportedTogether() {
        assertThatThrownBy(() -> ProducerConfig.parse(props("delivery.timeout.ms", "1000", "request.timeout.ms", "2000",
                "batch.size", "4096", "buffer.memory", "2048")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("'delivery.timeout.ms'").hasMessageContaining("'batch.size'");
    }

    @Test
    void deliveryTimeoutMustCoverLingerAndRequestTimeout() {
        assertThatThrownBy(() -> ProducerConfig.parse(props("delivery.timeout.ms", "1000", "request.timeout.ms", "2000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'delivery.timeout.ms'");
    }

    @Test
    void batchSizeMustFitInBufferMemory() {
        assertThatThrownBy(() -> ProducerConfig.parse(props("batch.size", "4096", "buffer.memory", "2048")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'batch.size'");
    }
}
