/**
 * {@code ferry configs describe|alter}: topic and broker configs (Kafka's {@code kafka-configs.sh}) through
 * the admin client's DescribeConfigs and IncrementalAlterConfigs; {@link io.ferrymq.tools.configs.ConfigChanges}
 * parses {@code --add-config}/{@code --delete-config}.
 */
package io.ferrymq.tools.configs;
