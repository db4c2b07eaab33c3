package io.ferrymq.broker.kafka;

import java.util.List;

/** The translators of one area of Kafka's APIs; {@link KafkaApis} serves them all. Stateless. */
final class DataApis {

    private DataApis() {
    }

    static List<KafkaApi<?, ?>> create(KafkaContext context) {
        return List.of();
    }
}
