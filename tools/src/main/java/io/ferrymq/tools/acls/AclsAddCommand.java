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

/** {@code ferry acls add --allow-principal User:alice --operation Read --topic T}. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add ACLs.")
public final class AclsAddCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private AclOptions acls;

    private final ClientFactory clients;

    public AclsAddCommand() {
        this(ClientFactory.network());
    }

    public AclsAddCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        List<AclBinding> bindings = AclSpecs.bindingsToAdd(acls);
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            admin.createAcls(bindings);
        }
        AclPrinter.print(spec.commandLine().getOut(), "Adding ACLs for resource", bindings);
        return 0;
    }
}
