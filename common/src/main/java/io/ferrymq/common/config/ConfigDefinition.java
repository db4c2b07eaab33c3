package io.ferrymq.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An ordered set of {@link ConfigKey}s and the parser that turns raw {@code key=value} text into
 * typed, validated values. Parsing checks every entry and reports every problem at once (unknown
 * keys, bad values, missing required keys) in one {@link ConfigException}; an unknown key's message
 * suggests the nearest defined key when one is close. The broker's, producer's, consumer's and admin
 * client's keys are each one definition of this kind.
 *
 * <p>Built once at class initialisation (not thread-safe while being built), then immutable and
 * thread-safe.
 */
public final class ConfigDefinition {

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
    private String last;

    /** Adds a key with a default value. */
    public ConfigDefinition define(String group, String name, ConfigType type, Object defaultValue,
                                   Validator validator, Importance importance, String doc) {
        return add(new ConfigKey(name, type, Optional.of(defaultValue), false, validator, doc, importance, group, false));
    }

    /** Adds a key that must be given. */
    public ConfigDefinition defineRequired(String group, String name, ConfigType type, Validator validator,
                                           Importance importance, String doc) {
        return add(new ConfigKey(name, type, Optional.empty(), true, validator, doc, importance, group, false));
    }

    /** Adds a key that may be left unset (read as {@link Optional#empty()}). */
    public ConfigDefinition defineOptional(String group, String name, ConfigType type, Validator validator,
                                           Importance importance, String doc) {
        return add(new ConfigKey(name, type, Optional.empty(), false, validator, doc, importance, group, false));
    }

    /**
     * Marks the key defined last as dynamic ({@link ConfigKey#dynamic()}): it may be changed at run time,
     * and whoever applies the definition promises it takes effect without a restart.
     */
    public ConfigDefinition dynamic() {
        if (last == null) {
            throw new IllegalStateException("no key defined yet to mark dynamic");
        }
        ConfigKey key = keys.get(last);
        keys.put(last, key.asDynamic());
        return this;
    }

    private ConfigDefinition add(ConfigKey key) {
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalStateException("configuration key defined twice: " + key.name());
        }
        last = key.name();
        return this;
    }

    /** Every key, in definition order. */
    public Collection<ConfigKey> keys() {
        return Collections.unmodifiableCollection(keys.values());
    }

    public Optional<ConfigKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /**
     * Parses {@code raw} (text values, or values already of the key's type) into a
     * {@link ParsedConfig} of every defined key. Throws one {@link ConfigException} listing every
     * problem: unknown keys first (each with the nearest defined key when one is close), then
     * invalid values and missing required keys in definition order.
     */
    public ParsedConfig parse(Map<String, ?> raw) {
        List<ConfigException> problems = new ArrayList<>();
        for (String name : new TreeSet<>(raw.keySet())) {
            if (!keys.containsKey(name)) {
                problems.add(new ConfigException(name, "Unknown configuration '" + name + "'" + suggestion(name)));
            }
        }
        Map<String, Optional<Object>> values = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            try {
                values.put(key.name(), key.valueIn(raw));
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigException.combine(problems);
        }
        return new ParsedConfig(this, values, raw.keySet());
    }

    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : keys.keySet()) {
            int distance = editDistance(unknown, name);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = name;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
