package io.ferrymq.tools.acls;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.tools.ClientFactory;
import io.ferrymq.tools.ClusterOptions;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry acls list [--topic T] [--principal User:alice]}: every ACL, or those of the resources named. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List ACLs.")
public final class AclsListCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private AclOptions acls;

    private final ClientFactory clients;

    public AclsListCommand() {
        this(ClientFactory.network());
    }

    public AclsListCommand(ClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        Set<AclBinding> found = new LinkedHashSet<>();
        try (Admin admin = clients.admin(cluster.clientProps(Map.of()))) {
            for (AclBindingFilter filter : AclSpecs.listFilters(acls)) {
                found.addAll(admin.describeAcls(filter));
            }
        }
        AclPrinter.print(spec.commandLine().getOut(), "Current ACLs for resource", found);
        return 0;
    }
}
