package io.ferrymq.tools;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse.PartitionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code ferry leader-election} prints, in the words of Kafka's {@code kafka-leader-election.sh}:
 * the partitions elected, those whose valid replica already leads ({@code ELECTION_NOT_NEEDED}), and
 * one line per failure; {@link #failures()} makes the exit status. Also reads Kafka's
 * {@code --path-to-json-file} format ({@code {"partitions":[{"topic":"t","partition":0}]}}).
 * Pure and immutable.
 */
public record ElectionReport(List<String> lines, int failures) {

    public ElectionReport {
        lines = List.copyOf(lines);
    }

    /** The report of {@code results} of an election of {@code type}. */
    public static ElectionReport of(ElectionType type, List<PartitionResult> results) {
        String kind = type.name();
        List<String> lines = new ArrayList<>();
        List<PartitionResult> elected = results.stream().filter(r -> r.error() == ErrorCode.NONE).toList();
        List<PartitionResult> notNeeded = results.stream().filter(r -> r.error() == ErrorCode.ELECTION_NOT_NEEDED).toList();
        List<PartitionResult> failed = results.stream()
                .filter(r -> r.error() != ErrorCode.NONE && r.error() != ErrorCode.ELECTION_NOT_NEEDED).toList();
        if (!elected.isEmpty()) {
            lines.add("Successfully completed leader election (" + kind + ") for partitions " + names(elected));
        }
        if (!notNeeded.isEmpty()) {
            lines.add("Valid replica already elected for partitions " + names(notNeeded));
        }
        for (PartitionResult r : failed) {
            lines.add("Error completing leader election (" + kind + ") for partition: " + name(r.partition())
                    + ": " + r.error() + (r.errorMessage().isEmpty() ? "" : " (" + r.errorMessage() + ")"));
        }
        if (results.isEmpty()) {
            lines.add("No partitions to elect.");
        }
        return new ElectionReport(lines, failed.size());
    }

    /** The partitions of a Kafka election JSON file; {@code source} names it in errors. */
    public static List<TopicPartition> parsePartitions(String source, byte[] json) {
        JsonObject root = Json.parseObject(source, json);
        return root.requireObjectList("partitions").stream()
                .map(p -> new TopicPartition(p.requireString("topic"), p.requireInt("partition"))).toList();
    }

    private static String names(List<PartitionResult> results) {
        return results.stream().map(r -> name(r.partition())).collect(Collectors.joining(", "));
    }

    private static String name(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }
}
