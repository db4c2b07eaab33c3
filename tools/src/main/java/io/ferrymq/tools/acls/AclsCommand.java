package io.ferrymq.tools.acls;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ferry acls add|list|remove}: ACL administration with kafka-acls' options, through the
 * admin client (never ZooKeeper). The brokers must run with {@code authorizer.class.name} set.
 */
@Command(name = "acls", mixinStandardHelpOptions = true,
        description = "Add, list and remove ACLs (brokers need authorizer.class.name).",
        subcommands = {AclsAddCommand.class, AclsListCommand.class, AclsRemoveCommand.class})
public final class AclsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
