/**
 * The client-side {@code ferry} commands (picocli), modelled on Kafka's tools: {@code topics},
 * {@code produce}, {@code consume} and {@code verifiable-producer}. They talk to brokers through the
 * admin, producer and consumer clients ({@link io.ferrymq.tools.ClientFactory}), never ZooKeeper,
 * and run on the caller's thread.
 */
package io.ferrymq.tools;
