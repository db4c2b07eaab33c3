package io.ferrymq.tools.groups;

import io.ferrymq.client.consumer.internals.group.GroupAdmin;
import io.ferrymq.client.consumer.internals.group.GroupDetails;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry groups describe --group G}: state and members (client id, host, assignment), then
 * per partition the committed offset, log end offset, lag and owning member ("-" when unknown).
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a group's state, members, and per partition committed offset, log end offset and lag.")
public final class GroupsDescribeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private GroupToolOptions options;

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group to describe.")
    private String group;

    @Override
    public Integer call() {
        try (GroupAdmin admin = new GroupAdmin(options.bootstrap(), group, options.timeout(), options.security())) {
            print(admin.describe(), spec.commandLine().getOut());
        }
        return 0;
    }

    static void print(GroupDetails details, PrintWriter out) {
        out.printf("GROUP %s  STATE %s  PROTOCOL %s%n%n", details.groupId(), details.state(),
                details.protocol().isEmpty() ? "-" : details.protocol());
        out.printf("%-45s %-20s %-16s %s%n", "MEMBER-ID", "CLIENT-ID", "HOST", "ASSIGNMENT");
        for (GroupDetails.Member m : details.members()) {
            out.printf("%-45s %-20s %-16s %s%n", m.memberId(), m.clientId(), m.host(), m.assignment());
        }
        out.printf("%n%-30s %-10s %-15s %-15s %-8s %s%n", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
                "LAG", "MEMBER-ID");
        for (GroupDetails.PartitionOffsets p : details.partitions()) {
            out.printf("%-30s %-10d %-15s %-15s %-8s %s%n", p.partition().topic(), p.partition().partition(),
                    text(p.committed()), text(p.logEndOffset()), text(p.lag()), p.owner().orElse("-"));
        }
        out.flush();
    }

    private static String text(Optional<?> value) {
        return value.map(String::valueOf).orElse("-");
    }
}
