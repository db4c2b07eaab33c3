package io.ferrymq.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/METRICS.md names every metric of {@link BrokerMetricNames} (JMX name and Prometheus family). */
class MetricsDocsTest {

    @Test
    void everyBrokerMetricIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "METRICS.md"));
        List<MetricName> names = new ArrayList<>();
        for (Field f : BrokerMetricNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == MetricName.class) {
                names.add((MetricName) f.get(null));
            }
        }
        names.add(BrokerMetricNames.requestTotalTime("Produce"));
        names.add(BrokerMetricNames.requestQueueTime("Produce"));
        names.add(BrokerMetricNames.purgatorySize("Produce"));
        names.add(BrokerMetricNames.logSize(new io.ferrymq.common.TopicPartition("t", 0)));
        names.add(BrokerMetricNames.consumerLag("g", new io.ferrymq.common.TopicPartition("t", 0)));
        names.add(BrokerMetricNames.logDirectoryOffline("/data/d1"));
        assertThat(names).hasSizeGreaterThan(15);
        for (MetricName name : names) {
            assertThat(doc).as("docs/METRICS.md documents " + name.encode())
                    .contains("`" + name.type() + "` / `" + name.name() + "`")
                    .contains(PrometheusTextWriter.familyName(name));
        }
    }
}
