package io.ferrymq.client.consumer.internals.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the assignors named by {@code partition.assignment.strategy}: a comma-separated list of
 * {@code range}, {@code roundrobin}, or Kafka's class names for them
 * ({@code org.apache.kafka.clients.consumer.RangeAssignor}, {@code ...RoundRobinAssignor}), in
 * preference order. An unknown name is refused with an exception naming it. Thread-safe.
 */
public final class PartitionAssignors {

    public static final String CONFIG = "partition.assignment.strategy";
    public static final String DEFAULT = RangeAssignor.NAME;

    private PartitionAssignors() {
    }

    public static List<PartitionAssignor> fromConfig(String value) {
        List<PartitionAssignor> assignors = new ArrayList<>();
        for (String raw : value.split(",")) {
            String name = raw.trim();
            if (!name.isEmpty()) {
                assignors.add(byName(name));
            }
        }
        if (assignors.isEmpty()) {
            throw new IllegalArgumentException(CONFIG + " names no assignor: '" + value + "'");
        }
        return List.copyOf(assignors);
    }

    public static PartitionAssignor byName(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (simple) {
            case "range", "rangeassignor" -> new RangeAssignor();
            case "roundrobin", "roundrobinassignor" -> new RoundRobinAssignor();
            default -> throw new IllegalArgumentException(
                    CONFIG + ": unknown assignor '" + name + "' (known: range, roundrobin)");
        };
    }
}
