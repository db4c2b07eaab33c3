package io.ferrymq.broker.config;

/**
 * The one {@link ConfigDefinition} of every broker key, assembled from the per-area key classes
 * ({@link ServerConfigKeys}, {@link LogConfigKeys}, {@link ReplicationConfigKeys},
 * {@link GroupConfigKeys}). A key defined twice fails class initialisation.
 *
 * <p>Immutable after class initialisation; thread-safe.
 */
public final class BrokerConfigKeys {

    /** Every broker configuration key, grouped and in documentation order. */
    public static final ConfigDefinition DEFINITION = build();

    private BrokerConfigKeys() {
    }

    private static ConfigDefinition build() {
        ConfigDefinition def = new ConfigDefinition();
        ServerConfigKeys.defineInto(def);
        LogConfigKeys.defineInto(def);
        ReplicationConfigKeys.defineInto(def);
        GroupConfigKeys.defineInto(def);
        return def;
    }
}
