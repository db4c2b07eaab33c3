package io.ferrymq.broker.kafka;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;

/** Kafka's topic and partition index as Ferry's {@link TopicPartition}. Stateless. */
public final class KafkaPartitions {

    private KafkaPartitions() {
    }

    /**
     * The partition, refusing the request ({@code INVALID_REQUEST}) when the index is negative, which no
     * Kafka client sends and Ferry's {@link TopicPartition} cannot hold.
     */
    public static TopicPartition of(String topic, int partition) {
        if (partition < 0) {
            throw ErrorCode.INVALID_REQUEST.exception("partition index " + partition + " of topic " + topic
                    + " is negative");
        }
        return new TopicPartition(topic, partition);
    }
}
