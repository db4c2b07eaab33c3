package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every follower fetcher of a broker shares: the replication settings, the clock, the hosted
 * partitions, the broker registry (to find leaders' addresses), the connection factory and the
 * replication throttle.
 *
 * <p>Immutable holder of thread-safe parts.
 */
record FetcherContext(
        ReplicationConfig config,
        Clock clock,
        Function<TopicPartition, Optional<Partition>> partitions,
        BrokerRegistry registry,
        LeaderEndpointFactory endpoints,
        ReplicationThrottles throttles) {

    Optional<Partition> partition(TopicPartition tp) {
        return partitions.apply(tp);
    }
}
