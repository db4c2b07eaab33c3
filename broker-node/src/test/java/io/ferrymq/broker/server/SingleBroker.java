package io.ferrymq.broker.server;

import io.ferrymq.broker.Broker;
import io.ferrymq.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The one-broker fixture of the broker ITs: broker 1 on a free loopback port, small thread pools. */
final class SingleBroker {

    private SingleBroker() {
    }

    static Broker start(Path logDir, String zookeeperConnect, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "broker.id", "1",
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", logDir.toString(),
                "zookeeper.connect", zookeeperConnect,
                "zookeeper.session.timeout.ms", "6000",
                "zookeeper.connection.timeout.ms", "6000",
                "num.network.threads", "1",
                "num.io.threads", "2"));
        config.putAll(overrides);
        return Broker.start(BrokerConfig.of(config));
    }
}
