package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.config.BrokerConfigKeys;
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

/**
 * The effective configuration of this broker and of a topic, as DescribeConfigs (and CreateTopics
 * from v5) report it, in Kafka's terms. A broker key's value comes from the broker's configuration
 * file or overrides ({@code SOURCE_STATIC_BROKER}) or is its default ({@code SOURCE_DEFAULT}); Ferry has
 * no dynamic broker configuration, so every broker entry is read-only. A topic key
 * ({@link TopicConfigKeys}) is the topic's override ({@code SOURCE_TOPIC}), else the broker's setting
 * it is a synonym of ({@link TopicConfigKeys#BROKER_SYNONYMS}: {@code log.retention.ms} for
 * {@code retention.ms}, with {@code log.retention.hours} standing in when unset), else the behaviour
 * when unset ({@code compression.type} = producer, {@code message.timestamp.type} = CreateTime); any other
 * override stored with the topic is reported as it is stored, of unknown type. Synonyms
 * list every source that has a value, highest precedence first; an entry's source is its first
 * synonym's. Passwords (including {@code sasl.jaas.config}) are sensitive: their value is null
 * everywhere. Per-listener overrides ({@code listener.name.*}) are not described.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigDescriber {

    /** What a topic key means when neither the topic nor the broker sets it, where that is a value. */
    private static final Map<String, String> TOPIC_UNSET = Map.of(TopicConfigKeys.COMPRESSION_TYPE, "producer",
            TopicConfigKeys.CLEANUP_POLICY, "delete", TopicConfigKeys.MESSAGE_TIMESTAMP_TYPE, TopicConfigKeys.CREATE_TIME);

    /** Broker settings in hours that stand in for a {@code .ms} synonym left unset (Kafka's fallbacks). */
    private static final Map<String, String> HOURS_FALLBACK = Map.of(LogConfigKeys.LOG_ROLL_MS,
            LogConfigKeys.LOG_ROLL_HOURS, LogConfigKeys.LOG_RETENTION_MS, LogConfigKeys.LOG_RETENTION_HOURS);

    private final BrokerConfig config;

    public ConfigDescriber(BrokerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public int brokerId() {
        return config.brokerId();
    }

    /** Every broker key among {@code names} (all when empty), in definition order. */
    public List<ConfigEntry> broker(List<String> names, boolean includeSynonyms, boolean includeDocumentation) {
        List<ConfigEntry> out = new ArrayList<>();
        for (ConfigKey key : BrokerConfigKeys.DEFINITION.keys()) {
            if (names.isEmpty() || names.contains(key.name())) {
                List<Synonym> synonyms = brokerSynonyms(key);
                out.add(entry(key, synonyms, true, includeSynonyms, includeDocumentation));
            }
        }
        return out;
    }

    /** Every topic key among {@code names} (all when empty) for a topic with these overrides. */
    public List<ConfigEntry> topic(Map<String, String> overrides, List<String> names, boolean includeSynonyms,
                                   boolean includeDocumentation) {
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
                synonyms.addAll(brokerSynonyms(brokerKey.get()));
                Optional.ofNullable(HOURS_FALLBACK.get(brokerName)).flatMap(BrokerConfigKeys.DEFINITION::key)
                        .ifPresent(hours -> synonyms.addAll(brokerSynonyms(hours)));
            } else if (TOPIC_UNSET.containsKey(key.name())) {
                synonyms.add(new Synonym(brokerName, TOPIC_UNSET.get(key.name()), ConfigEntry.SOURCE_DEFAULT));
            }
            ConfigEntry entry = entry(key, synonyms, false, includeSynonyms, includeDocumentation);
            out.add(override == null ? withBrokerValue(entry, brokerName) : entry);
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
    private ConfigEntry withBrokerValue(ConfigEntry entry, String brokerName) {
        String value = switch (brokerName) {
            case LogConfigKeys.LOG_ROLL_MS -> String.valueOf(config.logRollMs());
            case LogConfigKeys.LOG_RETENTION_MS -> String.valueOf(config.logRetentionMs());
            default -> entry.value();
        };
        return new ConfigEntry(entry.name(), value, entry.source(), entry.readOnly(), entry.sensitive(),
                entry.synonyms(), entry.documentation(), entry.type());
    }

    private List<Synonym> brokerSynonyms(ConfigKey key) {
        boolean sensitive = isSensitive(key);
        List<Synonym> synonyms = new ArrayList<>(2);
        if (config.originals().containsKey(key.name())) {
            Optional<Object> value = config.getOptional(key.name());
            synonyms.add(new Synonym(key.name(), sensitive ? null : value.map(key.type()::format).orElse(null),
                    ConfigEntry.SOURCE_STATIC_BROKER));
        }
        key.defaultValue().ifPresent(value -> synonyms.add(new Synonym(key.name(),
                sensitive ? null : key.type().format(value), ConfigEntry.SOURCE_DEFAULT)));
        return synonyms;
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
