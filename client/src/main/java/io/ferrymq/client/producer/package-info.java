/**
 * The producer API: {@link io.ferrymq.client.producer.Producer} and
 * {@link io.ferrymq.client.producer.FerryProducer}, shared safely by many threads, with settings under
 * Kafka's names ({@link io.ferrymq.client.producer.ProducerConfig}). Caller threads batch records; one I/O
 * thread sends them and runs {@link io.ferrymq.client.producer.Callback}s, in send order per partition.
 */
package io.ferrymq.client.producer;
