package io.ferrymq.tools.acls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AclSpecsTest {

    private static AclOptions parse(String... args) {
        AclOptions options = new AclOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void addCombinesResourcesPrincipalsHostsAndOperations() {
        List<AclBinding> bindings = AclSpecs.bindingsToAdd(parse("--allow-principal", "User:alice", "--operation",
                "Read", "--operation", "describe", "--topic", "orders", "--resource-pattern-type", "prefixed",
                "--deny-principal", "User:bob", "--deny-host", "10.0.0.9"));
        ResourcePattern orders = new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.PREFIXED);
        assertThat(bindings).containsExactly(
                new AclBinding(orders, new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW)),
                new AclBinding(orders, new AccessControlEntry("User:alice", "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW)),
                new AclBinding(orders, new AccessControlEntry("User:bob", "10.0.0.9", AclOperation.READ, AclPermissionType.DENY)),
                new AclBinding(orders, new AccessControlEntry("User:bob", "10.0.0.9", AclOperation.DESCRIBE, AclPermissionType.DENY)));
        assertThat(AclSpecs.bindingsToAdd(parse("--allow-principal", "User:*", "--cluster")))
                .containsExactly(new AclBinding(ResourcePattern.cluster(),
                        new AccessControlEntry("User:*", "*", AclOperation.ALL, AclPermissionType.ALLOW)));
    }

    @Test
    void badInputNamesWhatIsWrong() {
        assertThatThrownBy(() -> AclSpecs.bindingsToAdd(parse("--allow-principal", "User:a")))
                .hasMessageContaining("--topic, --group or --cluster");
        assertThatThrownBy(() -> AclSpecs.bindingsToAdd(parse("--topic", "t")))
                .hasMessageContaining("--allow-principal or --deny-principal");
        assertThatThrownBy(() -> AclSpecs.bindingsToAdd(parse("--topic", "t", "--allow-principal", "alice")))
                .hasMessageContaining("Type:name").hasMessageContaining("'alice'");
        assertThatThrownBy(() -> AclSpecs.bindingsToAdd(parse("--topic", "t", "--allow-principal", "User:a",
                "--operation", "Fly"))).hasMessageContaining("'Fly'");
        assertThatThrownBy(() -> AclSpecs.bindingsToAdd(parse("--topic", "t", "--allow-principal", "User:a",
                "--resource-pattern-type", "match"))).hasMessageContaining("literal or prefixed");
        assertThatThrownBy(() -> AclSpecs.removeFilters(parse("--allow-principal", "User:a")))
                .hasMessageContaining("remove needs");
    }

    @Test
    void listAndRemoveFilters() {
        assertThat(AclSpecs.listFilters(parse())).containsExactly(AclBindingFilter.ANY);
        assertThat(AclSpecs.listFilters(parse("--group", "g", "--principal", "User:a"))).containsExactly(
                new AclBindingFilter(ResourceType.GROUP, Optional.of("g"), PatternType.ANY, Optional.of("User:a"),
                        Optional.empty(), AclOperation.ANY, AclPermissionType.ANY));
        assertThat(AclSpecs.removeFilters(parse("--topic", "t"))).containsExactly(
                new AclBindingFilter(ResourceType.TOPIC, Optional.of("t"), PatternType.LITERAL, Optional.empty(),
                        Optional.empty(), AclOperation.ANY, AclPermissionType.ANY));
        assertThat(AclSpecs.removeFilters(parse("--topic", "t", "--allow-principal", "User:a", "--operation", "Write")))
                .containsExactly(new AclBindingFilter(ResourceType.TOPIC, Optional.of("t"), PatternType.LITERAL,
                        Optional.of("User:a"), Optional.empty(), AclOperation.WRITE, AclPermissionType.ALLOW));
    }
}
