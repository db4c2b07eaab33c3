package io.ferrymq.client.producer;

import io.ferrymq.common.PartitionInfo;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Sends records to topics, batching per partition; shared safely by many threads.
 *
 * <p>{@code send} returns at once (blocking only up to {@code max.block.ms} for metadata or buffer
 * memory); the future and callback report where the record was written, or why it was not. Records
 * sent to one partition are written, acknowledged and called back in send order.
 */
public interface Producer<K, V> extends Closeable {

    Future<RecordMetadata> send(ProducerRecord<K, V> record);

    /** Like {@link #send(ProducerRecord)}; {@code callback} runs on the producer's I/O thread. */
    Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /** Makes every buffered record sendable now and waits until all have completed. */
    void flush();

    /** The partitions of {@code topic}, fetching metadata if needed (up to {@code max.block.ms}). */
    List<PartitionInfo> partitionsFor(String topic);

    /** Sends what is buffered and stops, waiting as long as it takes. */
    @Override
    void close();

    /** Sends what is buffered within {@code timeout}; records still pending after it fail. */
    void close(Duration timeout);
}
