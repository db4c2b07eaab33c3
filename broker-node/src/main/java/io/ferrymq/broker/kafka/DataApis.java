package io.ferrymq.broker.kafka;

import java.util.List;

/**
 * The data-path translators: Produce, Fetch (with its {@link io.ferrymq.broker.replication.FetchSessionCache}), ListOffsets,
 * OffsetForLeaderEpoch and InitProducerId. {@link KafkaApis} serves them all; only Fetch holds state,
 * the context's session cache.
 */
final class DataApis {

    private DataApis() {
    }

    static List<KafkaApi<?, ?>> create(KafkaContext context) {
        return List.of(new ProduceApi(), new FetchApi(context.topicIds(), context.fetchSessions()),
                new ListOffsetsApi(), new OffsetForLeaderEpochApi(), new InitProducerIdApi());
    }
}
