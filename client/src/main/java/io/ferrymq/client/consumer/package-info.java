/**
 * The consumer API: {@link io.ferrymq.client.consumer.Consumer} and {@link io.ferrymq.client.consumer.FerryConsumer},
 * its settings ({@link io.ferrymq.client.consumer.ConsumerConfig}, Kafka's names) and the records it returns.
 * Single-threaded like Kafka's: every method but {@code wakeup()} is called from one thread at a time;
 * network I/O runs on the client's Netty thread and its completions are run on the caller's thread.
 */
package io.ferrymq.client.consumer;
