package io.ferrymq.client.producer;

/**
 * Told the outcome of one {@code send}: exactly one of {@code metadata} and {@code exception} is
 * non-null. Called on the producer's I/O thread, in send order per partition: keep it short and
 * never block in it (hand heavy work to another executor).
 */
@FunctionalInterface
public interface Callback {

    void onCompletion(RecordMetadata metadata, Exception exception);
}
