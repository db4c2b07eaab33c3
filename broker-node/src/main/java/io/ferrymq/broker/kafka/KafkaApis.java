package io.ferrymq.broker.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Every Kafka API a Kafka listener serves, one {@link KafkaApi} per key: what ApiVersions advertises
 * and what the codec accepts. An API not here is neither advertised nor served, so clients degrade as
 * against an older Kafka broker. Immutable and thread-safe.
 */
public final class KafkaApis {

    private final Map<ApiKeys, KafkaApi<?, ?>> byKey = new EnumMap<>(ApiKeys.class);

    public KafkaApis(KafkaContext context) {
        List<KafkaApi<?, ?>> all = new ArrayList<>();
        all.add(new ApiVersionsApi(this));
        all.addAll(DataApis.create(context));
        all.addAll(AdminApis.create(context));
        all.addAll(GroupApis.create(context));
        all.addAll(SaslApis.create());
        all.addAll(ScramCredentialApis.create());
        for (KafkaApi<?, ?> api : all) {
            if (byKey.put(api.key(), api) != null) {
                throw new IllegalStateException("two translators for " + api.key());
            }
        }
    }

    /** The translator of {@code key}, empty when Ferry does not serve it on a Kafka listener. */
    public Optional<KafkaApi<?, ?>> forKey(ApiKeys key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Every served API, in api-key order. */
    public Collection<KafkaApi<?, ?>> all() {
        return byKey.values();
    }
}
