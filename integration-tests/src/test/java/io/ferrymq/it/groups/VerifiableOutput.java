package io.ferrymq.it.groups;

import io.ferrymq.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON lines of one {@code ferry verifiable-consumer} process: its last assignment, every
 * consumed (partition, offset), and its last committed offset per partition. Only the fixed shapes
 * that command prints are understood.
 */
final class VerifiableOutput {

    private static final Pattern NAME = Pattern.compile("\"name\":\"([a-z_]+)\"");
    private static final Pattern PARTITION = Pattern.compile("\\{\"topic\":\"([^\"]+)\",\"partition\":(\\d+)\\}");
    private static final Pattern RANGE = Pattern.compile(
            "\\{\"topic\":\"([^\"]+)\",\"partition\":(\\d+),\"count\":(\\d+),\"minOffset\":(\\d+),\"maxOffset\":(\\d+)\\}");
    private static final Pattern OFFSET = Pattern.compile("\\{\"topic\":\"([^\"]+)\",\"partition\":(\\d+),\"offset\":(\\d+)\\}");

    final Set<TopicPartition> assignment = new TreeSet<>();
    final Map<TopicPartition, List<Long>> consumed = new HashMap<>();
    final Map<TopicPartition, Long> committed = new HashMap<>();
    int assignedEvents;

    static VerifiableOutput read(Path file) {
        VerifiableOutput output = new VerifiableOutput();
        try {
            if (Files.exists(file)) {
                Files.readAllLines(file).forEach(output::apply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }

    private void apply(String line) {
        Matcher name = NAME.matcher(line);
        if (!name.find()) {
            return;
        }
        switch (name.group(1)) {
            case "partitions_assigned" -> {
                assignment.clear();
                Matcher m = PARTITION.matcher(line);
                while (m.find()) {
                    assignment.add(new TopicPartition(m.group(1), Integer.parseInt(m.group(2))));
                }
                assignedEvents++;
            }
            case "partitions_revoked" -> assignment.clear();
            case "records_consumed" -> {
                Matcher m = RANGE.matcher(line);
                while (m.find()) {
                    TopicPartition tp = new TopicPartition(m.group(1), Integer.parseInt(m.group(2)));
                    for (long o = Long.parseLong(m.group(4)); o <= Long.parseLong(m.group(5)); o++) {
                        consumed.computeIfAbsent(tp, t -> new ArrayList<>()).add(o);
                    }
                }
            }
            case "offsets_committed" -> {
                if (line.contains("\"success\":true")) {
                    Matcher m = OFFSET.matcher(line);
                    while (m.find()) {
                        committed.put(new TopicPartition(m.group(1), Integer.parseInt(m.group(2))), Long.parseLong(m.group(3)));
                    }
                }
            }
            default -> {
            }
        }
    }

    long consumedCount() {
        return consumed.values().stream().mapToLong(List::size).sum();
    }
}
