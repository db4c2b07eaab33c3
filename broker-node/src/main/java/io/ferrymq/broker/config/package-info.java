/**
 * The broker's one configuration framework: {@link io.ferrymq.broker.config.ConfigDefinition} of
 * {@link io.ferrymq.broker.config.ConfigKey}s (per-area key classes assembled in
 * {@link io.ferrymq.broker.config.BrokerConfigKeys}), parsed into the validated
 * {@link io.ferrymq.broker.config.BrokerConfig}, and mapped onto each module's own config record by
 * {@link io.ferrymq.broker.config.ModuleConfigs}, so modules never read broker keys themselves.
 *
 * <p>Invariants: a key is defined once (a duplicate fails class initialisation); parsing reports every
 * problem at once in one {@link io.ferrymq.broker.config.ConfigException}; the Markdown reference is
 * generated from the definition ({@link io.ferrymq.broker.config.ConfigDocs}). Everything is immutable
 * or stateless and thread-safe.
 */
package io.ferrymq.broker.config;
