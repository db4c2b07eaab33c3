package io.ferrymq.client.producer.internals;

import io.ferrymq.client.producer.ProducerConfig;
import io.ferrymq.common.record.CompressionType;

/**
 * The settings the {@link RecordAccumulator} works by, taken from {@link ProducerConfig}.
 *
 * @param batchSize bytes per batch (a single larger record gets a batch of its own size)
 * @param lingerMs how long a non-full batch waits for more records
 * @param retryBackoffMs pause before a failed batch is sent again
 * @param deliveryTimeoutMs from append to failure, retries included
 * @param compression the codec of every batch
 */
public record AccumulatorConfig(int batchSize, long lingerMs, long retryBackoffMs, long deliveryTimeoutMs,
                                CompressionType compression) {

    public static AccumulatorConfig from(ProducerConfig config) {
        return new AccumulatorConfig(config.batchSize(), config.lingerMs(), config.retryBackoffMs(),
                config.deliveryTimeoutMs(), CompressionType.forName(config.compressionType()));
    }
}
