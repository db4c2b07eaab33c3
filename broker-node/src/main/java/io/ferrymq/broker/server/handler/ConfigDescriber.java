package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.BrokerConfigKeys;
import io.ferrymq.broker.config.DynamicBrokerConfig;
import io.ferrymq.broker.config.LogConfigKeys;
import io.ferrymq.common.config.ConfigKey;
import io.ferrymq.common.config.ConfigType;
import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ConfigEntry;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.Synonym;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The effective configuration of this broker and of a topic, as DescribeConfigs (and CreateTopics
 * from v5) report it, in Kafka's terms. A broker key's value comes, in Kafka's precedence
 * ({@link DynamicBrokerConfig}), from this broker's dynamic configs ({@code SOURCE_DYNAMIC_BROKER}),
 * the cluster-wide dynamic defaults ({@code SOURCE_DYNAMIC_DEFAULT_BROKER}), the broker's configuration
 * file or overrides ({@code SOURCE_STATIC_BROKER}) or is its default ({@code SOURCE_DEFAULT}); only
 * dynamic keys are not read-only. The cluster-wide default resource lists only the keys set there. A topic key
 * ({@link TopicConfigKeys}) is the topic's override ({@code SOURCE_TOPIC}), else the broker's setting
 * it is a synonym of ({@link TopicConfigKeys#BROKER_SYNONYMS}: {@code log.retention.ms} for
 * {@code retention.ms}, with {@code log.retention.hours} standing in when unset), else the behaviour
 * when unset ({@code compression.type} = producer, {@code message.timestamp.type} = CreateTime); any other
 * override stored with the topic is reported as it is stored, of unknown type. Synonyms
 * list every source that has a value, highest precedence first; an entry's source is its first
 * synonym's. Passwords (including {@code sasl.jaas.config}) are sensitive: their value is null
 * everywhere. Per-listener overrides ({@code listener.name.*}) are not described.
 *
 * <p>Thread-safe: every call reads the current layers once.
 */
public final class ConfigDescriber {

    /** What a topic key means when neither the topic nor the broker sets it, where that is a value. */
    private static final Map<String, String> TOPIC_UNSET = Map.of(TopicConfigKeys.COMPRESSION_TYPE, "producer",
            TopicConfigKeys.CLEANUP_POLICY, "delete",
            TopicConfigKeys.MESSAGE_TIMESTAMP_TYPE, TopicConfigKeys.CREATE_TIME);

    /** Broker settings in hours that stand in for a {@code .ms} synonym left unset (Kafka's fallbacks). */
    private static final Map<String, String> HOURS_FALLBACK = Map.of(LogConfigKeys.LOG_ROLL_MS,
            LogConfigKeys.LOG_ROLL_HOURS, LogConfigKeys.LOG_RETENTION_MS, LogConfigKeys.LOG_RETENTION_HOURS);

    private final Supplier<DynamicBrokerConfig> layers;

    /** A describer of a broker that runs on its static configuration alone. */
    public ConfigDescriber(BrokerConfig config) {
        this(() -> DynamicBrokerConfig.of(config));
    }

    /** A describer of the broker whose current layers {@code layers} returns. */
    public ConfigDescriber(Supplier<DynamicBrokerConfig> layers) {
        this.layers = Objects.requireNonNull(layers, "layers");
    }

    public int brokerId() {
        return layers.get().staticConfig().brokerId();
    }

    /** Every broker key among {@code names} (all when empty), in definition order. */
    public List<ConfigEntry> broker(List<String> names, boolean includeSynonyms, boolean includeDocumentation) {
        DynamicBrokerConfig current = layers.get();
        List<ConfigEntry> out = new ArrayList<>();
        for (ConfigKey key : BrokerConfigKeys.DEFINITION.keys()) {
            if (names.isEmpty() || names.contains(key.name())) {
                List<Synonym> synonyms = brokerSynonyms(current, key);
                out.add(entry(key, synonyms, !key.dynamic(), includeSynonyms, includeDocumentation));
            }
        }
        return out;
    }

    /** The cluster-wide dynamic defaults among {@code names} (all when empty), in definition order. */
    public List<ConfigEntry> clusterDefault(List<String> names, boolean includeSynonyms, boolean includeDocumentation) {
        DynamicBrokerConfig current = layers.get();
        List<ConfigEntry> out = new ArrayList<>();
        for (ConfigKey key : BrokerConfigKeys.DEFINITION.keys()) {
            String value = current.clusterDefault().get(key.name());
            if (value != null && (names.isEmpty() || names.contains(key.name()))) {
                List<Synonym> synonyms = List.of(new Synonym(key.name(), isSensitive(key) ? null : value,
                        ConfigEntry.SOURCE_DYNAMIC_DEFAULT_BROKER));
                out.add(entry(key, synonyms, false, includeSynonyms, includeDocumentation));
            }
        }
        return out;
    }

    /** Every topic key among {@code names} (all when empty) for a topic with these overrides. */
    public List<ConfigEntry> topic(Map<String, String> overrides, List<String> names, boolean includeSynonyms,
                                   boolean includeDocumentation) {
        DynamicBrokerConfig current = layers.get();
        List<ConfigEntry> out = new ArrayList<>();
        for (ConfigKey key : TopicConfigKeys.DEFINITION.keys()) {
            if (!names.isEmpty() && !names.contains(key.name())) {
                continue;
            }
            boolean sensitive = isSensitive(key);
            List<Synonym> synonyms = new ArrayList<>();
            String override = overrides.get(key.name());
            if (override != null) {
                synonyms.add(new Synonym(key.name(), sensitive ? null : override, ConfigEntry.SOURCE_TOPIC));
            }
            String brokerName = TopicConfigKeys.BROKER_SYNONYMS.getOrDefault(key.name(), key.name());
            Optional<ConfigKey> brokerKey = BrokerConfigKeys.DEFINITION.key(brokerName);
            if (brokerKey.isPresent()) {
                synonyms.addAll(brokerSynonyms(current, brokerKey.get()));
                Optional.ofNullable(HOURS_FALLBACK.get(brokerName)).flatMap(BrokerConfigKeys.DEFINITION::key)
                        .ifPresent(hours -> synonyms.addAll(brokerSynonyms(current, hours)));
            } else if (TOPIC_UNSET.containsKey(key.name())) {
                synonyms.add(new Synonym(brokerName, TOPIC_UNSET.get(key.name()), ConfigEntry.SOURCE_DEFAULT));
            }
            ConfigEntry entry = entry(key, synonyms, false, includeSynonyms, includeDocumentation);
            out.add(override == null ? withBrokerValue(current.effective(), entry, brokerName) : entry);
        }
        for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
            String name = override.getKey();
            if (TopicConfigKeys.DEFINITION.key(name).isEmpty() && (names.isEmpty() || names.contains(name))) {
                Synonym topic = new Synonym(name, override.getValue(), ConfigEntry.SOURCE_TOPIC);
                out.add(new ConfigEntry(name, override.getValue(), ConfigEntry.SOURCE_TOPIC, false, false,
                        includeSynonyms ? List.of(topic) : List.of(), null, ConfigEntry.TYPE_UNKNOWN));
            }
        }
        return out;
    }

    /** An entry taken from the broker, its value the broker's effective one where an hours setting stands in. */
    private static ConfigEntry withBrokerValue(BrokerConfig config, ConfigEntry entry, String brokerName) {
        String value = switch (brokerName) {
            case LogConfigKeys.LOG_ROLL_MS -> String.valueOf(config.logRollMs());
            case LogConfigKeys.LOG_RETENTION_MS -> String.valueOf(config.logRetentionMs());
            default -> entry.value();
        };
        return new ConfigEntry(entry.name(), value, entry.source(), entry.readOnly(), entry.sensitive(),
                entry.synonyms(), entry.documentation(), entry.type());
    }

    private static List<Synonym> brokerSynonyms(DynamicBrokerConfig current, ConfigKey key) {
        boolean sensitive = isSensitive(key);
        return current.layers(key).stream().map(layer -> new Synonym(key.name(), sensitive ? null : layer.value(),
                sourceCode(layer.source()))).toList();
    }

    private static byte sourceCode(DynamicBrokerConfig.Source source) {
        return switch (source) {
            case DYNAMIC_BROKER -> ConfigEntry.SOURCE_DYNAMIC_BROKER;
            case DYNAMIC_DEFAULT -> ConfigEntry.SOURCE_DYNAMIC_DEFAULT_BROKER;
            case STATIC -> ConfigEntry.SOURCE_STATIC_BROKER;
            case DEFAULT -> ConfigEntry.SOURCE_DEFAULT;
        };
    }

    private static ConfigEntry entry(ConfigKey key, List<Synonym> synonyms, boolean readOnly, boolean includeSynonyms,
                                     boolean includeDocumentation) {
        String value = synonyms.isEmpty() ? null : synonyms.get(0).value();
        byte source = synonyms.isEmpty() ? ConfigEntry.SOURCE_DEFAULT : synonyms.get(0).source();
        return new ConfigEntry(key.name(), value, source, readOnly, isSensitive(key),
                includeSynonyms ? synonyms : List.of(), includeDocumentation ? key.doc() : null, typeCode(key.type()));
    }

    private static boolean isSensitive(ConfigKey key) {
        return key.type() == ConfigType.PASSWORD || key.name().endsWith("sasl.jaas.config");
    }

    private static byte typeCode(ConfigType type) {
        return switch (type) {
            case BOOLEAN -> ConfigEntry.TYPE_BOOLEAN;
            case INT -> ConfigEntry.TYPE_INT;
            case LONG -> ConfigEntry.TYPE_LONG;
            case DOUBLE -> ConfigEntry.TYPE_DOUBLE;
            case STRING -> ConfigEntry.TYPE_STRING;
            case PASSWORD -> ConfigEntry.TYPE_PASSWORD;
            case LIST -> ConfigEntry.TYPE_LIST;
        };
    }
}
