package io.ferrymq.broker.server.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ConfigEntry;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.Synonym;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDescriberTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"broker\" password=\"secret\";";

    private final ConfigDescriber describer = new ConfigDescriber(BrokerConfig.of(Map.of(
            "broker.id", "7", "zookeeper.connect", "zk:2181", "min.insync.replicas", "2",
            "sasl.jaas.config", JAAS)));

    @Test
    void brokerEntriesTellSetKeysFromDefaultsAndAreReadOnly() {
        List<ConfigEntry> all = describer.broker(List.of(), true, true);
        ConfigEntry minIsr = find(all, "min.insync.replicas");
        assertThat(minIsr.value()).isEqualTo("2");
        assertThat(minIsr.source()).isEqualTo(ConfigEntry.SOURCE_STATIC_BROKER);
        assertThat(minIsr.readOnly()).isTrue();
        assertThat(minIsr.type()).isEqualTo(ConfigEntry.TYPE_INT);
        assertThat(minIsr.documentation()).contains("NOT_ENOUGH_REPLICAS");
        assertThat(minIsr.synonyms()).containsExactly(
                new Synonym("min.insync.replicas", "2", ConfigEntry.SOURCE_STATIC_BROKER),
                new Synonym("min.insync.replicas", "1", ConfigEntry.SOURCE_DEFAULT));
        ConfigEntry unclean = find(all, "unclean.leader.election.enable");
        assertThat(unclean.value()).isEqualTo("false");
        assertThat(unclean.source()).isEqualTo(ConfigEntry.SOURCE_DEFAULT);
        assertThat(unclean.type()).isEqualTo(ConfigEntry.TYPE_BOOLEAN);
        assertThat(find(all, "broker.id").value()).isEqualTo("7");
    }

    @Test
    void passwordsAndTheJaasConfigAreSensitiveWithNullValuesEverywhere() {
        ConfigEntry jaas = find(describer.broker(List.of(), true, false), "sasl.jaas.config");
        assertThat(jaas.sensitive()).isTrue();
        assertThat(jaas.value()).isNull();
        assertThat(jaas.source()).isEqualTo(ConfigEntry.SOURCE_STATIC_BROKER);
        assertThat(jaas.synonyms()).extracting(Synonym::value).containsOnlyNulls();
        assertThat(describer.broker(List.of(), true, false)).filteredOn(e -> e.type() == ConfigEntry.TYPE_PASSWORD)
                .isNotEmpty().allSatisfy(e -> {
                    assertThat(e.sensitive()).isTrue();
                    assertThat(e.value()).isNull();
                });
    }

    @Test
    void onlyTheNamedKeysAndNoSynonymsOrDocumentationUnlessAsked() {
        List<ConfigEntry> some = describer.broker(List.of("broker.id", "no.such.key"), false, false);
        assertThat(some).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("broker.id");
            assertThat(e.synonyms()).isEmpty();
            assertThat(e.documentation()).isNull();
        });
    }

    @Test
    void topicEntriesAreOverridesOverTheBrokerSettingOverTheUnsetBehaviour() {
        List<ConfigEntry> topic = describer.topic(Map.of("compression.type", "zstd", "retention.ms", "60000"),
                List.of(), true, true);
        ConfigEntry compression = find(topic, "compression.type");
        assertThat(compression.value()).isEqualTo("zstd");
        assertThat(compression.source()).isEqualTo(ConfigEntry.SOURCE_TOPIC);
        assertThat(compression.readOnly()).isFalse();
        assertThat(compression.synonyms()).containsExactly(
                new Synonym("compression.type", "zstd", ConfigEntry.SOURCE_TOPIC),
                new Synonym("compression.type", "producer", ConfigEntry.SOURCE_DEFAULT));
        ConfigEntry minIsr = find(topic, "min.insync.replicas");
        assertThat(minIsr.value()).isEqualTo("2");
        assertThat(minIsr.source()).isEqualTo(ConfigEntry.SOURCE_STATIC_BROKER);
        ConfigEntry retention = find(topic, "retention.ms");
        assertThat(retention.value()).isEqualTo("60000");
        assertThat(retention.source()).isEqualTo(ConfigEntry.SOURCE_TOPIC);

        List<ConfigEntry> bare = describer.topic(Map.of(), List.of("compression.type"), false, false);
        assertThat(bare).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo("producer");
            assertThat(e.source()).isEqualTo(ConfigEntry.SOURCE_DEFAULT);
            assertThat(e.synonyms()).isEmpty();
        });
    }

    @Test
    void unsetTopicKeysReportTheBrokerSynonymTheyFallBackTo() {
        List<ConfigEntry> topic = describer.topic(Map.of("segment.bytes", "1024"), List.of(), true, false);
        ConfigEntry segment = find(topic, "segment.bytes");
        assertThat(segment.synonyms()).containsExactly(
                new Synonym("segment.bytes", "1024", ConfigEntry.SOURCE_TOPIC),
                new Synonym("log.segment.bytes", "1073741824", ConfigEntry.SOURCE_DEFAULT));
        ConfigEntry retention = find(topic, "retention.ms");
        assertThat(retention.value()).isEqualTo("604800000");
        assertThat(retention.source()).isEqualTo(ConfigEntry.SOURCE_DEFAULT);
        assertThat(retention.synonyms()).containsExactly(
                new Synonym("log.retention.hours", "168", ConfigEntry.SOURCE_DEFAULT));
        assertThat(find(topic, "segment.ms").value()).isEqualTo("604800000");
        assertThat(find(topic, "max.message.bytes").synonyms()).extracting(Synonym::name)
                .containsExactly("message.max.bytes");
        assertThat(find(topic, "message.timestamp.type").value()).isEqualTo("CreateTime");
        assertThat(find(topic, "unclean.leader.election.enable").value()).isEqualTo("false");
        assertThat(topic).extracting(ConfigEntry::name).doesNotContain("segment.jitter.ms", "file.delete.delay.ms");
    }

    private static ConfigEntry find(List<ConfigEntry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
