package io.ferrymq.broker.metrics;

import com.codahale.metrics.jmx.ObjectNameFactory;
import java.util.Hashtable;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Turns registry keys ({@link MetricName#encode()}) into Kafka-like JMX object names:
 * {@code io.ferrymq:type=ReplicaManager,name=UnderReplicatedPartitions} or
 * {@code io.ferrymq:type=BrokerTopicMetrics,name=BytesInPerSec,topic=demo}. Values holding JMX
 * special characters are quoted. Stateless and thread-safe.
 */
public final class KafkaStyleObjectNameFactory implements ObjectNameFactory {

    public static final String DOMAIN = "io.ferrymq";

    @Override
    public ObjectName createName(String metricKind, String domain, String key) {
        MetricName name = MetricName.parse(key);
        StringBuilder sb = new StringBuilder(domain).append(":type=").append(value(name.type()))
                .append(",name=").append(value(name.name()));
        name.tags().forEach((k, v) -> sb.append(',').append(k).append('=').append(value(v)));
        try {
            return new ObjectName(sb.toString());
        } catch (MalformedObjectNameException e) {
            try {
                return new ObjectName(domain, new Hashtable<>(java.util.Map.of("name", ObjectName.quote(key))));
            } catch (MalformedObjectNameException again) {
                throw new IllegalArgumentException("cannot build a JMX name for metric " + key, again);
            }
        }
    }

    private static String value(String v) {
        for (char c : v.toCharArray()) {
            if (",=:\"*?\n\\".indexOf(c) >= 0) {
                return ObjectName.quote(v);
            }
        }
        return v.isEmpty() ? ObjectName.quote(v) : v;
    }
}
