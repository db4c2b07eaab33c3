/**
 * The one configuration framework of Ferry, used by the broker, the producer, the consumer and the
 * admin client: a {@link io.ferrymq.common.config.ConfigDefinition} names each key with its
 * {@link io.ferrymq.common.config.ConfigType}, default, {@link io.ferrymq.common.config.Validator},
 * importance and documentation; parsing checks every key and reports every problem at once in one
 * {@link io.ferrymq.common.config.ConfigException} (an unknown key gets the nearest known one as a
 * suggestion); {@link io.ferrymq.common.config.ConfigDocs} renders the reference pages in docs/.
 * {@link io.ferrymq.common.config.TopicConfigKeys} holds the topic-level overrides brokers read.
 *
 * <p>Definitions are built once at class initialisation and are immutable afterwards; parsed
 * configurations are immutable values. Everything here is thread-safe.
 */
package io.ferrymq.common.config;
