package io.ferrymq.broker.kafka;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The one-broker fixture of the Kafka-listener ITs: broker 1 with a Ferry listener ({@code PLAINTEXT})
 * and a Kafka listener ({@code KAFKA}) on free loopback ports, small thread pools, {@code overrides}
 * on top (which may replace the listeners).
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static Broker start(Path logDir, String zookeeperConnect, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "broker.id", "1",
                "listeners", "PLAINTEXT://127.0.0.1:0,KAFKA://127.0.0.1:0",
                "log.dirs", logDir.toString(),
                "zookeeper.connect", zookeeperConnect,
                "num.network.threads", "1",
                "num.io.threads", "2"));
        config.putAll(overrides);
        return Broker.start(BrokerConfig.of(config));
    }
}
