/**
 * Topic administration of issue 21 against broker processes: per-topic configs created with
 * {@code ferry topics create --config}, altered live with Kafka's Admin client and applied by every
 * replica ({@link io.ferrymq.it.topics.TopicConfigIT}), and {@code ferry topics alter --partitions}.
 */
package io.ferrymq.it.topics;
