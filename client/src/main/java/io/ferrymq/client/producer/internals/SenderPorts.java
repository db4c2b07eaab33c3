package io.ferrymq.client.producer.internals;

import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.common.internals.RequestChannel;
import java.time.Clock;

/**
 * What the {@link Sender} talks to besides the accumulator: the cluster metadata it refreshes, the
 * channel it sends requests on (owned by the caller), where producer ids come from, and the clock.
 */
public record SenderPorts(Metadata metadata, RequestChannel channel, ProducerIdSource producerIds, Clock clock) {
}
