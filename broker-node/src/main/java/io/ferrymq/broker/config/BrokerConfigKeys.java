package io.ferrymq.broker.config;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigDocs;
import io.ferrymq.common.config.TopicConfigKeys;

/**
 * The one {@link ConfigDefinition} of every broker key, assembled from the per-area key classes
 * ({@link ServerConfigKeys}, {@link LogConfigKeys}, {@link ReplicationConfigKeys},
 * {@link GroupConfigKeys}, {@link AuthorizerConfigKeys}). A key defined twice fails class initialisation.
 *
 * <p>Immutable after class initialisation; thread-safe.
 */
public final class BrokerConfigKeys {

    /** Every broker configuration key, grouped and in documentation order. */
    public static final ConfigDefinition DEFINITION = build();

    private BrokerConfigKeys() {
    }

    /** The Markdown reference of every broker key, then of every topic-level key (docs/CONFIGURATION.md). */
    public static String reference() {
        return ConfigDocs.markdown("Broker configuration", DEFINITION) + "\n"
                + ConfigDocs.markdown("Topic-level configuration", TopicConfigKeys.DEFINITION);
    }

    private static ConfigDefinition build() {
        ConfigDefinition def = new ConfigDefinition();
        ServerConfigKeys.defineInto(def);
        SaslConfigKeys.defineInto(def);
        LogConfigKeys.defineInto(def);
        CleanerConfigKeys.defineInto(def);
        ReplicationConfigKeys.defineInto(def);
        GroupConfigKeys.defineInto(def);
        AuthorizerConfigKeys.defineInto(def);
        return def;
    }
}
