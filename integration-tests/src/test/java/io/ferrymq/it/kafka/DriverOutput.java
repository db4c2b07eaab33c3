package io.ferrymq.it.kafka;

import java.util.Arrays;
import java.util.List;

/**
 * The stdout of {@link io.ferrymq.it.kafka.driver.KafkaClientsDriver}, one fact per line
 * ({@code <what> <fields...>}), parsed for the test's assertions. Immutable.
 */
record DriverOutput(List<Line> lines) {

    /** One line: what it states and its space-separated fields. */
    record Line(String what, List<String> fields) {
        String field(int i) {
            return fields.get(i);
        }

        int intField(int i) {
            return Integer.parseInt(fields.get(i));
        }

        long longField(int i) {
            return Long.parseLong(fields.get(i));
        }
    }

    /** A record the producer had acknowledged or the consumer read: where it is and what it holds. */
    record Placed(int partition, long offset, String key, String value) {
        /** The position of the value among those with its key ({@code key-<k>#<n>} gives n). */
        int sequence() {
            return Integer.parseInt(value.substring(value.indexOf('#') + 1));
        }
    }

    DriverOutput {
        lines = List.copyOf(lines);
    }

    static DriverOutput parse(String stdout) {
        return new DriverOutput(stdout.lines().filter(l -> !l.isBlank()).map(l -> {
            String[] parts = l.trim().split(" ");
            return new Line(parts[0], Arrays.asList(parts).subList(1, parts.length));
        }).toList());
    }

    List<Line> all(String what) {
        return lines.stream().filter(l -> l.what().equals(what)).toList();
    }

    /** The placed records of lines {@code what} ({@code produced} or {@code consumed}), in output order. */
    List<Placed> placed(String what) {
        return all(what).stream().map(l -> new Placed(l.intField(0), l.longField(1), l.field(2), l.field(3))).toList();
    }
}
