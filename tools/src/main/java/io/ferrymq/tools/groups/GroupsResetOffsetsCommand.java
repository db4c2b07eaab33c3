package io.ferrymq.tools.groups;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.internals.group.GroupAdmin;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry groups reset-offsets --group G --topic T (--to-earliest|--to-latest|--to-offset N|
 * --shift-by N|--to-datetime T) [--execute]}: prints the plan (current and new offset per partition);
 * only {@code --execute} applies it. The coordinator refuses while the group has members.
 */
@Command(name = "reset-offsets", mixinStandardHelpOptions = true,
        description = "Plan (default) or --execute a reset of a group's committed offsets on one topic.")
public final class GroupsResetOffsetsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private GroupToolOptions options;

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group whose offsets move.")
    private String group;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic (all its partitions).")
    private String topic;

    @Option(names = "--execute", description = "Apply the plan (without it, only print it).")
    private boolean execute;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    static final class Target {
        @Option(names = "--to-earliest", description = "To the log start offset.") boolean earliest;
        @Option(names = "--to-latest", description = "To the log end offset.") boolean latest;
        @Option(names = "--to-offset", paramLabel = "N", description = "To offset N.") Long offset;
        @Option(names = "--shift-by", paramLabel = "N", description = "By N (negative: back) from the committed offset.") Long shift;
        @Option(names = "--to-datetime", paramLabel = "T", description = "To the first record at or after T (ISO-8601, UTC if no zone, or epoch ms).") String datetime;

        ResetSpec toSpec() {
            if (earliest) {
                return new ResetSpec.ToEarliest();
            }
            if (latest) {
                return new ResetSpec.ToLatest();
            }
            if (offset != null) {
                return new ResetSpec.ToOffset(offset);
            }
            return shift != null ? new ResetSpec.ShiftBy(shift) : ResetSpec.datetime(datetime);
        }
    }

    @Override
    public Integer call() {
        ResetSpec reset = target.toSpec();
        try (GroupAdmin admin = new GroupAdmin(options.bootstrap(), group, options.timeout(), options.security())) {
            List<TopicPartition> partitions = admin.partitionsOf(topic);
            Map<TopicPartition, Long> current = admin.committedOffsets();
            Map<TopicPartition, Long> byTime = reset instanceof ResetSpec.ToDatetime d
                    ? admin.listOffsets(all(partitions, d.timestampMs())) : Map.of();
            Map<TopicPartition, Long> plan = ResetPlanner.plan(reset, partitions, current,
                    admin.listOffsets(all(partitions, ListOffsetsRequest.EARLIEST_TIMESTAMP)),
                    admin.listOffsets(all(partitions, ListOffsetsRequest.LATEST_TIMESTAMP)), byTime);
            if (execute) {
                admin.resetOffsets(plan);
            }
            print(plan, current, spec.commandLine().getOut());
        }
        return 0;
    }

    private void print(Map<TopicPartition, Long> plan, Map<TopicPartition, Long> current, PrintWriter out) {
        out.printf("%-30s %-10s %-15s %s%n", "TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET");
        plan.forEach((tp, offset) -> out.printf("%-30s %-10d %-15s %d%n", tp.topic(), tp.partition(),
                current.containsKey(tp) ? current.get(tp).toString() : "-", offset));
        out.println(execute ? "Offsets of group " + group + " reset." : "Dry run: nothing changed; add --execute to apply.");
        out.flush();
    }

    private static Map<TopicPartition, Long> all(List<TopicPartition> partitions, long timestamp) {
        Map<TopicPartition, Long> result = new HashMap<>();
        partitions.forEach(tp -> result.put(tp, timestamp));
        return result;
    }
}
