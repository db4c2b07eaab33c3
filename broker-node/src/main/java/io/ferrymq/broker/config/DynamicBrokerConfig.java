package io.ferrymq.broker.config;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A broker's configuration in layers, Kafka's precedence: this broker's dynamic configs
 * ({@code /config/brokers/<id>}) over the cluster-wide dynamic defaults ({@code /config/brokers/<default>})
 * over the static configuration ({@code server.properties} and overrides) over each key's default.
 * {@link #effective()} is the merge, a {@link BrokerConfig} like any other. Only keys the definition
 * marks dynamic ({@link ConfigKey#dynamic()}) may be set in a dynamic layer; {@link #validateDynamic}
 * refuses every other key with a message saying whether it is read-only or unknown. Pure: no ZooKeeper
 * here.
 *
 * <p>Immutable and thread-safe.
 */
public final class DynamicBrokerConfig {

    /** Where a value comes from, highest precedence first. */
    public enum Source { DYNAMIC_BROKER, DYNAMIC_DEFAULT, STATIC, DEFAULT }

    /** One layer's value of a key (null for a key with no value there). */
    public record Layer(Source source, String value) {
    }

    private final BrokerConfig staticConfig;
    private final Map<String, String> clusterDefault;
    private final Map<String, String> perBroker;
    private final BrokerConfig effective;

    private DynamicBrokerConfig(BrokerConfig staticConfig, Map<String, String> clusterDefault,
                                Map<String, String> perBroker) {
        this.staticConfig = staticConfig;
        this.clusterDefault = Map.copyOf(clusterDefault);
        this.perBroker = Map.copyOf(perBroker);
        Map<String, String> merged = new LinkedHashMap<>(staticConfig.originals());
        merged.putAll(this.clusterDefault);
        merged.putAll(this.perBroker);
        this.effective = this.clusterDefault.isEmpty() && this.perBroker.isEmpty() ? staticConfig : BrokerConfig.of(merged);
    }

    /** The static configuration alone. */
    public static DynamicBrokerConfig of(BrokerConfig staticConfig) {
        return new DynamicBrokerConfig(staticConfig, Map.of(), Map.of());
    }

    /**
     * The layers merged; throws {@link ConfigException} when a dynamic layer holds a key that is not
     * dynamic or a value that is invalid, or when the merge is inconsistent.
     */
    public static DynamicBrokerConfig of(BrokerConfig staticConfig, Map<String, String> clusterDefault,
                                         Map<String, String> perBroker) {
        validateDynamic(clusterDefault);
        validateDynamic(perBroker);
        return new DynamicBrokerConfig(staticConfig, clusterDefault, perBroker);
    }

    /** These layers with the cluster-wide defaults replaced (validated as {@link #of} does). */
    public DynamicBrokerConfig withClusterDefault(Map<String, String> configs) {
        return of(staticConfig, configs, perBroker);
    }

    /** These layers with this broker's dynamic configs replaced (validated as {@link #of} does). */
    public DynamicBrokerConfig withPerBroker(Map<String, String> configs) {
        return of(staticConfig, clusterDefault, configs);
    }

    /**
     * Checks a dynamic layer: every key defined and dynamic, every value valid for its key. Throws one
     * {@link ConfigException} naming the first offending key in name order.
     */
    public static void validateDynamic(Map<String, String> configs) {
        for (Map.Entry<String, String> entry : new TreeMap<>(configs).entrySet()) {
            String name = entry.getKey();
            ConfigKey key = requireDynamic(name);
            if (entry.getValue() == null) {
                throw new ConfigException(name, "broker config '" + name + "' has no value");
            }
            key.parse(entry.getValue());
        }
    }

    /**
     * The definition of broker key {@code name} when it is dynamic; otherwise a {@link ConfigException}
     * saying it is unknown or read-only (and which keys are dynamic).
     */
    public static ConfigKey requireDynamic(String name) {
        ConfigKey key = BrokerConfigKeys.DEFINITION.key(name).orElseThrow(() -> new ConfigException(name,
                "unknown broker config '" + name + "'"));
        if (!key.dynamic()) {
            throw new ConfigException(name, "broker config '" + name + "' is read-only: it can only be set "
                    + "in the broker's configuration file and takes effect at start-up; the dynamic broker "
                    + "configs are " + dynamicKeys());
        }
        return key;
    }

    /** The names of the dynamic broker keys, sorted. */
    public static List<String> dynamicKeys() {
        return BrokerConfigKeys.DEFINITION.keys().stream().filter(ConfigKey::dynamic).map(ConfigKey::name)
                .sorted().toList();
    }

    /** The merged configuration the broker runs with. */
    public BrokerConfig effective() {
        return effective;
    }

    public BrokerConfig staticConfig() {
        return staticConfig;
    }

    public Map<String, String> clusterDefault() {
        return clusterDefault;
    }

    public Map<String, String> perBroker() {
        return perBroker;
    }

    /**
     * Every layer that gives {@code key} a value, highest precedence first (the first is the effective
     * one's source), values as text; a key's default is listed when it has one.
     */
    public List<Layer> layers(ConfigKey key) {
        List<Layer> out = new ArrayList<>(4);
        Optional.ofNullable(perBroker.get(key.name())).ifPresent(v -> out.add(new Layer(Source.DYNAMIC_BROKER, v)));
        Optional.ofNullable(clusterDefault.get(key.name())).ifPresent(v -> out.add(new Layer(Source.DYNAMIC_DEFAULT, v)));
        if (staticConfig.originals().containsKey(key.name())) {
            out.add(new Layer(Source.STATIC, staticConfig.getOptional(key.name()).map(key.type()::format).orElse(null)));
        }
        key.defaultValue().ifPresent(v -> out.add(new Layer(Source.DEFAULT, key.type().format(v))));
        return out;
    }

    /** The dynamic keys whose effective value differs between {@code this} and {@code other}. */
    public List<String> changedDynamicKeys(DynamicBrokerConfig other) {
        return dynamicKeys().stream().filter(name -> !effective.getOptional(name).equals(other.effective.getOptional(name)))
                .collect(Collectors.toList());
    }
}
