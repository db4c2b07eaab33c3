package io.ferrymq.broker.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrymq.common.json.Json;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Renders a registry as one small JSON object keyed by metric kind, then by registry key:
 * <pre>{"gauges":{"ReplicaManager.LeaderCount":{"value":3}},
 *  "meters":{"BrokerTopicMetrics.MessagesInPerSec":{"count":10,"m1_rate":..,"mean_rate":..}},
 *  "timers":{"RequestMetrics.TotalTimeMs{request=Produce}":{"count":..,"m1_rate":..,"p50_ms":..,"p99_ms":..,"p999_ms":..,"max_ms":..}},
 *  "counters":{..},"histograms":{..}}</pre>
 * Integral numbers are written as integers, non-finite ones as {@code null}; non-numeric gauges
 * become strings (booleans stay booleans). Written through {@link Json}. Stateless and thread-safe.
 */
public final class JsonMetricsWriter {

    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final double NANOS_PER_MS = TimeUnit.MILLISECONDS.toNanos(1);

    private JsonMetricsWriter() {
    }

    /** The whole registry as JSON. */
    public static String write(MetricRegistry registry) {
        ObjectNode root = Json.object();
        root.set("gauges", section(registry.getGauges(), g -> value(Json.object(), "value", g.getValue())));
        root.set("counters", section(registry.getCounters(), c -> Json.object().put("count", c.getCount())));
        root.set("meters", section(registry.getMeters(), JsonMetricsWriter::meter));
        root.set("timers", section(registry.getTimers(), JsonMetricsWriter::timer));
        root.set("histograms", section(registry.getHistograms(), JsonMetricsWriter::histogram));
        return Json.line(root);
    }

    private static <M> ObjectNode section(Map<String, M> metrics, Function<M, ObjectNode> body) {
        ObjectNode section = Json.object();
        metrics.forEach((name, metric) -> section.set(name, body.apply(metric)));
        return section;
    }

    private static ObjectNode meter(Meter m) {
        ObjectNode out = Json.object().put("count", m.getCount());
        number(out, "m1_rate", m.getOneMinuteRate());
        return number(out, "mean_rate", m.getMeanRate());
    }

    private static ObjectNode timer(Timer t) {
        Snapshot s = t.getSnapshot();
        ObjectNode out = Json.object().put("count", t.getCount());
        number(out, "m1_rate", t.getOneMinuteRate());
        number(out, "p50_ms", s.getMedian() / NANOS_PER_MS);
        number(out, "p99_ms", s.get99thPercentile() / NANOS_PER_MS);
        number(out, "p999_ms", s.get999thPercentile() / NANOS_PER_MS);
        return number(out, "max_ms", s.getMax() / NANOS_PER_MS);
    }

    private static ObjectNode histogram(Histogram h) {
        Snapshot s = h.getSnapshot();
        ObjectNode out = Json.object().put("count", h.getCount());
        number(out, "p50", s.getMedian());
        number(out, "p99", s.get99thPercentile());
        return out.put("max", s.getMax());
    }

    private static ObjectNode value(ObjectNode out, String field, Object v) {
        if (v instanceof Number n) {
            return number(out, field, n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return out.put(field, b);
        }
        return out.put(field, v == null ? null : v.toString());
    }

    private static ObjectNode number(ObjectNode out, String field, double v) {
        if (!Double.isFinite(v)) {
            return out.putNull(field);
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? out.put(field, (long) v) : out.put(field, v);
    }
}
