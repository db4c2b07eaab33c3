package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import java.util.function.LongSupplier;

/**
 * The hook through which the coordinator publishes one consumer-lag gauge per (group, partition)
 * it coordinates, e.g. onto {@code BrokerMetrics.registerConsumerLag}. Implementations are
 * thread-safe; registering a pair twice replaces the gauge.
 */
public interface LagGauges {

    void register(String groupId, TopicPartition tp, LongSupplier lag);

    void remove(String groupId, TopicPartition tp);

    LagGauges NONE = new LagGauges() {
        @Override
        public void register(String groupId, TopicPartition tp, LongSupplier lag) {
        }

        @Override
        public void remove(String groupId, TopicPartition tp) {
        }
    };
}
