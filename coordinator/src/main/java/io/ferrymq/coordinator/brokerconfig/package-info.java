/**
 * Dynamic broker configs in ZooKeeper, in Kafka's layout ({@code /config/brokers/<id>} per broker,
 * {@code /config/brokers/<default>} cluster-wide, each {@code {"version":1,"config":{...}}} as
 * {@link io.ferrymq.coordinator.credentials.UserConfigZnode} codes it):
 * {@link io.ferrymq.coordinator.brokerconfig.ZkBrokerConfigs} watches them for the broker and writes
 * them for the alter handlers. Which keys may be set, and what they mean, is the broker's business.
 */
package io.ferrymq.coordinator.brokerconfig;
