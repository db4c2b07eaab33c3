package io.ferrymq.broker.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders a registry as one small JSON object keyed by metric kind, then by registry key:
 * <pre>{"gauges":{"ReplicaManager.LeaderCount":{"value":3}},
 *  "meters":{"BrokerTopicMetrics.MessagesInPerSec":{"count":10,"m1_rate":..,"mean_rate":..}},
 *  "timers":{"RequestMetrics.TotalTimeMs{request=Produce}":{"count":..,"m1_rate":..,"p50_ms":..,"p99_ms":..,"p999_ms":..,"max_ms":..}},
 *  "counters":{..},"histograms":{..}}</pre>
 * Non-finite numbers become {@code null}; non-numeric gauges become strings. Stateless and thread-safe.
 */
public final class JsonMetricsWriter {

    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final double NANOS_PER_MS = TimeUnit.MILLISECONDS.toNanos(1);

    private JsonMetricsWriter() {
    }

    /** The whole registry as JSON. */
    public static String write(MetricRegistry registry) {
        StringBuilder sb = new StringBuilder(8192).append('{');
        section(sb, "gauges", registry.getGauges(), (out, g) -> out.append("{\"value\":").append(value(g.getValue())).append('}'));
        sb.append(',');
        section(sb, "counters", registry.getCounters(), (out, c) -> out.append("{\"count\":").append(c.getCount()).append('}'));
        sb.append(',');
        section(sb, "meters", registry.getMeters(), JsonMetricsWriter::meter);
        sb.append(',');
        section(sb, "timers", registry.getTimers(), JsonMetricsWriter::timer);
        sb.append(',');
        section(sb, "histograms", registry.getHistograms(), JsonMetricsWriter::histogram);
        return sb.append('}').toString();
    }

    private interface Body<M> {
        void write(StringBuilder out, M metric);
    }

    private static <M> void section(StringBuilder sb, String kind, Map<String, M> metrics, Body<M> body) {
        sb.append(string(kind)).append(":{");
        boolean first = true;
        for (Map.Entry<String, M> e : metrics.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(string(e.getKey())).append(':');
            body.write(sb, e.getValue());
        }
        sb.append('}');
    }

    private static void meter(StringBuilder out, Meter m) {
        out.append("{\"count\":").append(m.getCount())
                .append(",\"m1_rate\":").append(number(m.getOneMinuteRate()))
                .append(",\"mean_rate\":").append(number(m.getMeanRate())).append('}');
    }

    private static void timer(StringBuilder out, Timer t) {
        Snapshot s = t.getSnapshot();
        out.append("{\"count\":").append(t.getCount())
                .append(",\"m1_rate\":").append(number(t.getOneMinuteRate()))
                .append(",\"p50_ms\":").append(number(s.getMedian() / NANOS_PER_MS))
                .append(",\"p99_ms\":").append(number(s.get99thPercentile() / NANOS_PER_MS))
                .append(",\"p999_ms\":").append(number(s.get999thPercentile() / NANOS_PER_MS))
                .append(",\"max_ms\":").append(number(s.getMax() / NANOS_PER_MS)).append('}');
    }

    private static void histogram(StringBuilder out, Histogram h) {
        Snapshot s = h.getSnapshot();
        out.append("{\"count\":").append(h.getCount())
                .append(",\"p50\":").append(number(s.getMedian()))
                .append(",\"p99\":").append(number(s.get99thPercentile()))
                .append(",\"max\":").append(s.getMax()).append('}');
    }

    private static String value(Object v) {
        if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        return v == null ? "null" : string(v.toString());
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
