package io.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> raw = new HashMap<>();
        raw.put("broker.id", "1");
        raw.put("zookeeper.connect", "127.0.0.1:2181");
        return raw;
    }

    private static BrokerConfig with(String key, String value) {
        Map<String, String> raw = minimal();
        raw.put(key, value);
        return BrokerConfig.of(raw);
    }

    @Test
    void minimalConfigurationGetsKafkaDefaults() {
        BrokerConfig config = BrokerConfig.of(minimal());

        assertThat(config.brokerId()).isEqualTo(1);
        assertThat(config.getInt("zookeeper.session.timeout.ms")).isEqualTo(18_000);
        assertThat(config.getBoolean("auto.create.topics.enable")).isFalse();
        assertThat(config.getInt("message.max.bytes")).isEqualTo(1_048_588);
        assertThat(config.getInt("socket.request.max.bytes")).isEqualTo(104_857_600);
        assertThat(config.getLong("replica.lag.time.max.ms")).isEqualTo(30_000L);
        assertThat(config.getBoolean("unclean.leader.election.enable")).isFalse();
        assertThat(config.getInt("admin.http.port")).isEqualTo(-1);
        assertThat(config.listeners()).containsExactly(Endpoint.plaintext("", 9092));
        assertThat(config.advertisedListeners()).isEmpty();
        assertThat(config.rack()).isEmpty();
    }

    @Test
    void unknownKeyIsRefusedWithItsNameAndASuggestion() {
        assertThatThrownBy(() -> with("log.segment.byte", "1024"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown configuration 'log.segment.byte'")
                .hasMessageContaining("did you mean 'log.segment.bytes'");
    }

    @Test
    void valueOutsideItsRangeNamesTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> with("num.partitions", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'num.partitions'")
                .hasMessageContaining("[1,...]");
    }

    @Test
    void theCapOnOpenInactiveSegmentsDefaultsToAThousandAndMustBeAtLeastOne() {
        assertThat(BrokerConfig.of(minimal()).getInt("log.open.inactive.segments.max")).isEqualTo(1000);
        assertThat(with("log.open.inactive.segments.max", "1").getInt("log.open.inactive.segments.max")).isOne();
        assertThatThrownBy(() -> with("log.open.inactive.segments.max", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'log.open.inactive.segments.max'")
                .hasMessageContaining("[1,...]");
    }

    @Test
    void valueOfTheWrongTypeNamesTheKeyAndTheType() {
        assertThatThrownBy(() -> with("message.max.bytes", "1MB"))
                .hasMessageContaining("'message.max.bytes'")
                .hasMessageContaining("int");
        assertThatThrownBy(() -> with("auto.create.topics.enable", "yes"))
                .hasMessageContaining("'auto.create.topics.enable'")
                .hasMessageContaining("true or false");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("broker.id", "1")))
                .hasMessageContaining("Missing required configuration 'zookeeper.connect'");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> raw = minimal();
        raw.put("num.io.threads", "-1");
        raw.put("bogus.key", "x");
        assertThatThrownBy(() -> BrokerConfig.of(raw))
                .hasMessageContaining("num.io.threads")
                .hasMessageContaining("bogus.key");
    }

    @Test
    void listenersMustUseKafkaForm() {
        assertThatThrownBy(() -> with("listeners", "127.0.0.1:9092"))
                .hasMessageContaining("'listeners'").hasMessageContaining("PLAINTEXT://");
        assertThatThrownBy(() -> with("listeners", "CLIENT://127.0.0.1:9092"))
                .hasMessageContaining("listener CLIENT has no security protocol in listener.security.protocol.map");
        assertThatThrownBy(() -> with("listeners", "PLAINTEXT://127.0.0.1:70000"))
                .hasMessageContaining("0 to 65535");
        assertThat(with("listeners", "PLAINTEXT://127.0.0.1:0").listeners())
                .containsExactly(Endpoint.plaintext("127.0.0.1", 0));
    }

    @Test
    void advertisedListenerMustBeConcrete() {
        assertThatThrownBy(() -> with("advertised.listeners", "PLAINTEXT://:9092"))
                .hasMessageContaining("advertised.listeners");
        assertThat(with("advertised.listeners", "PLAINTEXT://broker1.example:9093").advertisedListeners())
                .containsExactly(Endpoint.plaintext("broker1.example", 9093));
    }

    @Test
    void inconsistentPairsAreRefused() {
        assertThatThrownBy(() -> with("replica.fetch.wait.max.ms", "40000"))
                .hasMessageContaining("replica.fetch.wait.max.ms must be below replica.lag.time.max.ms");
    }

    @Test
    void msFormsWinOverHoursForms() {
        assertThat(BrokerConfig.of(minimal()).logRollMs()).isEqualTo(168L * 3600 * 1000);
        assertThat(with("log.roll.ms", "5000").logRollMs()).isEqualTo(5000);
        assertThat(with("log.retention.hours", "-1").logRetentionMs()).isEqualTo(-1);
        assertThat(with("log.retention.ms", "60000").logRetentionMs()).isEqualTo(60_000);
    }

    @Test
    void loadsAFileAndOverridesWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "# comment\nbroker.id=3\nzookeeper.connect=zk:2181/ferry\nnum.partitions=4\n"
                + "log.dirs=/a, /b\n");

        BrokerConfig config = BrokerConfig.load(file, List.of("num.partitions=6", "broker.rack=r1"));

        assertThat(config.brokerId()).isEqualTo(3);
        assertThat(config.getInt("num.partitions")).isEqualTo(6);
        assertThat(config.rack()).contains("r1");
        assertThat(config.getList("log.dirs")).containsExactly("/a", "/b");
        assertThat(config.originals()).containsEntry("num.partitions", "6");
    }

    @Test
    void malformedOverrideAndMissingFileAreReported(@TempDir Path dir) {
        assertThatThrownBy(() -> BrokerConfig.load(dir.resolve("nope.properties"), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
        assertThatThrownBy(() -> BrokerConfig.fromProperties(new java.util.Properties(), List.of("novalue")))
                .hasMessageContaining("'novalue'").hasMessageContaining("key=value");
    }

    @Test
    void describeListsEveryKey() {
        String description = BrokerConfig.of(minimal()).describe();
        BrokerConfigKeys.DEFINITION.keys().forEach(key -> assertThat(description).contains(key.name() + " = "));
    }
}
