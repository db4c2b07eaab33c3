package io.ferrymq.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonMetricsWriterTest {

    @Test
    void writesEveryKindKeyedByRegistryNameWithIntegralNumbersAsIntegers() {
        MetricRegistry registry = new MetricRegistry();
        registry.register("G.Int", (Gauge<Integer>) () -> 3);
        registry.register("G.Half", (Gauge<Double>) () -> 2.5);
        registry.register("G.NaN", (Gauge<Double>) () -> Double.NaN);
        registry.register("G.Flag", (Gauge<Boolean>) () -> true);
        registry.register("G.State{a=\"b\"}", (Gauge<String>) () -> "CONNECTED\n");
        registry.register("G.Null", (Gauge<Object>) () -> null);
        registry.counter("C").inc(4);
        registry.histogram("H").update(8);

        String json = JsonMetricsWriter.write(registry);

        assertThat(json).isEqualTo("{\"gauges\":{\"G.Flag\":{\"value\":true},\"G.Half\":{\"value\":2.5},"
                + "\"G.Int\":{\"value\":3},\"G.NaN\":{\"value\":null},\"G.Null\":{\"value\":null},"
                + "\"G.State{a=\\\"b\\\"}\":{\"value\":\"CONNECTED\\n\"}},"
                + "\"counters\":{\"C\":{\"count\":4}},\"meters\":{},\"timers\":{},"
                + "\"histograms\":{\"H\":{\"count\":1,\"p50\":8,\"p99\":8,\"max\":8}}}");
    }

    @Test
    void metersAndTimersCarryCountRatesAndMillisecondPercentiles() {
        MetricRegistry registry = new MetricRegistry();
        registry.meter("M").mark(10);
        registry.timer("T{request=Produce}").update(3, TimeUnit.MILLISECONDS);

        String json = JsonMetricsWriter.write(registry);

        assertThat(json).containsPattern("\"meters\":\\{\"M\":\\{\"count\":10,\"m1_rate\":[0-9.E-]+,\"mean_rate\":[0-9.E-]+}}")
                .contains("\"timers\":{\"T{request=Produce}\":{\"count\":1,\"m1_rate\":")
                .contains(",\"p50_ms\":3,\"p99_ms\":3,\"p999_ms\":3,\"max_ms\":3}}");
    }
}
