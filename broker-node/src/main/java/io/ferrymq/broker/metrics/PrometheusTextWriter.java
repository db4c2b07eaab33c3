package io.ferrymq.broker.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Metered;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a registry in the Prometheus text exposition format 0.0.4. A metric
 * {@code Type.Name{k=v}} becomes the family {@code ferry_<type>_<name>} in snake case with
 * labels {@code k="v"}:
 * meters give {@code <family>_total} (counter) and {@code <family>_one_minute_rate} (gauge);
 * timers give a summary {@code <family>} in milliseconds (quantiles 0.5, 0.75, 0.95, 0.99, 0.999
 * over the recent window, {@code _count} over all time) and {@code <family>_one_minute_rate};
 * histograms a summary in their own unit; numeric and boolean gauges a gauge; other gauges
 * {@code <family>_info{value="..."} 1}. Each family is written once with its HELP and TYPE lines.
 * Stateless and thread-safe.
 */
public final class PrometheusTextWriter {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99, 0.999};
    private static final double NANOS_PER_MS = TimeUnit.MILLISECONDS.toNanos(1);

    private record Family(String type, String help, List<String> samples) {
    }

    private final Map<String, Family> families = new TreeMap<>();

    private PrometheusTextWriter() {
    }

    /** The whole registry as Prometheus text. */
    public static String write(MetricRegistry registry) {
        PrometheusTextWriter w = new PrometheusTextWriter();
        registry.getMetrics().forEach((key, metric) -> w.add(MetricName.parse(key), key, metric));
        StringBuilder out = new StringBuilder(8192);
        w.families.forEach((name, f) -> {
            out.append("# HELP ").append(name).append(' ').append(f.help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(f.type).append('\n');
            f.samples.forEach(s -> out.append(s).append('\n'));
        });
        return out.toString();
    }

    private void add(MetricName name, String key, Object metric) {
        String base = familyName(name);
        Map<String, String> labels = name.tags();
        String help = "Ferry " + name.type() + " " + name.name();
        if (metric instanceof Timer t) {
            summary(base, help, labels, t, NANOS_PER_MS);
            rate(base, help, labels, t);
        } else if (metric instanceof Metered m) {
            sample(base + "_total", "counter", help, labels, m.getCount());
            rate(base, help, labels, m);
        } else if (metric instanceof Histogram h) {
            summary(base, help, labels, h, 1.0);
        } else if (metric instanceof Counter c) {
            sample(base, "gauge", help, labels, c.getCount());
        } else if (metric instanceof Gauge<?> g) {
            gauge(base, help, labels, g.getValue());
        }
    }

    private void gauge(String base, String help, Map<String, String> labels, Object value) {
        if (value instanceof Number n) {
            sample(base, "gauge", help, labels, n.doubleValue());
        } else if (value instanceof Boolean b) {
            sample(base, "gauge", help, labels, b ? 1 : 0);
        } else if (value != null) {
            Map<String, String> withValue = new LinkedHashMap<>(labels);
            withValue.put("value", value.toString());
            sample(base + "_info", "gauge", help, withValue, 1);
        }
    }

    private void summary(String base, String help, Map<String, String> labels, Sampling s, double divisor) {
        Snapshot snapshot = s.getSnapshot();
        for (double q : QUANTILES) {
            Map<String, String> withQuantile = new LinkedHashMap<>(labels);
            withQuantile.put("quantile", Double.toString(q));
            sample(base, "summary", help, withQuantile, snapshot.getValue(q) / divisor);
        }
        long count = s instanceof com.codahale.metrics.Counting c ? c.getCount() : snapshot.size();
        family(base, "summary", help).samples.add(base + "_count" + labelText(labels) + " " + count);
    }

    private void rate(String base, String help, Map<String, String> labels, Metered m) {
        sample(base + "_one_minute_rate", "gauge", help + " (events per second, 1-minute rate)", labels,
                m.getOneMinuteRate());
    }

    private void sample(String family, String type, String help, Map<String, String> labels, double value) {
        family(family, type, help).samples.add(family + labelText(labels) + " " + number(value));
    }

    private Family family(String name, String type, String help) {
        return families.computeIfAbsent(name, n -> new Family(type, help, new ArrayList<>()));
    }

    static String familyName(MetricName name) {
        return "ferry_" + snake(name.type()) + "_" + snake(name.name());
    }

    static String snake(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(s.charAt(i - 1)) || Character.isDigit(s.charAt(i - 1))
                    || (i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1)) && Character.isUpperCase(s.charAt(i - 1))));
            if (boundary) {
                sb.append('_');
            }
            sb.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toLowerCase(c) : '_');
        }
        return sb.toString().replaceAll("_+", "_");
    }

    private static String labelText(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        labels.forEach((k, v) -> sb.append(snake(k)).append("=\"").append(escape(v)).append("\","));
        sb.setCharAt(sb.length() - 1, '}');
        return sb.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
