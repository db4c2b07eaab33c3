/**
 * The Kafka wire protocol at the edge: a second {@link io.ferrymq.common.protocol.WireCodec} that
 * lets stock Kafka clients and tools talk to Ferry's protocol-neutral handlers on a Kafka listener.
 * Requests and responses are read and written with kafka-clients' generated message classes,
 * pinned to one version in the parent POM; this package is the only place in Ferry that imports
 * {@code org.apache.kafka} (checked by {@code ModuleRulesTest}). One {@link
 * io.ferrymq.broker.kafka.KafkaApi} per API translates between Kafka's messages and Ferry's records:
 * the data path (Produce, Fetch with its session cache, ListOffsets, OffsetForLeaderEpoch,
 * InitProducerId), ApiVersions and SASL here, the group APIs in {@code kafka.group}, cluster
 * metadata and administration (topics, configs, ACLs, SCRAM credentials) in {@code kafka.admin}.
 */
package io.ferrymq.broker.kafka;
