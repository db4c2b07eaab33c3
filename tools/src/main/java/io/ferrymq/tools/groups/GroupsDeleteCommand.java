package io.ferrymq.tools.groups;

import io.ferrymq.client.consumer.internals.group.GroupAdmin;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry groups delete --group G}: deletes an empty group and its committed offsets. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a group without members, with its committed offsets.")
public final class GroupsDeleteCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private GroupToolOptions options;

    @Option(names = "--group", required = true, paramLabel = "GROUP", description = "The group to delete.")
    private String group;

    @Override
    public Integer call() {
        try (GroupAdmin admin = new GroupAdmin(options.bootstrap(), group, options.timeout(), options.security())) {
            admin.deleteGroup();
        }
        spec.commandLine().getOut().println("Deleted group " + group);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
