package io.ferrymq.tools.groups;

import io.ferrymq.client.consumer.internals.group.GroupAdmin;
import io.ferrymq.common.protocol.responses.ListGroupsResponse.GroupListing;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry groups list}: every group of the cluster, with its state. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the consumer groups and their state.")
public final class GroupsListCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private GroupToolOptions options;

    @Override
    public Integer call() {
        try (GroupAdmin admin = new GroupAdmin(options.bootstrap(), "", options.timeout(), options.security())) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-40s %-20s %s%n", "GROUP", "STATE", "PROTOCOL-TYPE");
            for (GroupListing group : admin.listGroups()) {
                out.printf("%-40s %-20s %s%n", group.groupId(), group.state(), group.protocolType());
            }
            out.flush();
        }
        return 0;
    }
}
