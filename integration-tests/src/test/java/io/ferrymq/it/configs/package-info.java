/**
 * Dynamic broker configs and the replication throttle of issue 21 against broker processes: per-broker
 * and cluster-wide dynamic configs set with {@code ferry configs} and Kafka's Admin client, described with
 * their source, taking effect live and kept across a restart, and an empty follower catching up under
 * {@code leader/follower.replication.throttled.rate} ({@link io.ferrymq.it.configs.DynamicBrokerConfigIT}).
 */
package io.ferrymq.it.configs;
