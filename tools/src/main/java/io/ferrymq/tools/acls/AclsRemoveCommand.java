package io.ferrymq.tools.acls;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.tools.ClientFactory;
import io.ferrymq.tools.ClusterOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry acls remove --topic T [--allow-principal User:alice --operation Read]}; prints what it removed. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove ACLs.")
public final class AclsRemoveCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private AclOptions acls;

    private final ClientFactory clients;

    public AclsRemoveCommand() {
        this(ClientFactory.network());
    }

    public AclsRemoveCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        List<AclBinding> removed;
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            removed = admin.deleteAcls(AclSpecs.removeFilters(acls));
        }
        AclPrinter.print(spec.commandLine().getOut(), "Removed ACLs for resource", removed);
        return 0;
    }
}
