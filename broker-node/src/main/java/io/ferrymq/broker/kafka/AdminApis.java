package io.ferrymq.broker.kafka;

import java.util.List;

/** The translators of one area of Kafka's APIs; {@link KafkaApis} serves them all. Stateless. */
final class AdminApis {

    private AdminApis() {
    }

    static List<KafkaApi<?, ?>> create(KafkaContext context) {
        return List.of(new MetadataApi(context.topicIds()));
    }
}
