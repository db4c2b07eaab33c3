package io.ferrymq.tools.acls;

import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of {@code ferry acls add|list|remove}, with kafka-acls' names: resources
 * ({@code --topic}, {@code --group}, {@code --cluster}, {@code --resource-pattern-type}), principals
 * and hosts ({@code --allow-principal}, {@code --deny-principal}, {@code --allow-host},
 * {@code --deny-host}, {@code --principal} for list) and {@code --operation}. A picocli mixin; the
 * bindings and filters they describe are built by {@link AclSpecs}.
 */
public final class AclOptions {

    @Option(names = "--topic", paramLabel = "TOPIC", description = "A topic (or, with --resource-pattern-type "
            + "prefixed, a prefix); * is every topic. Repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--group", paramLabel = "GROUP", description = "A consumer group (or prefix); * is every group. "
            + "Repeatable.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--cluster", description = "The cluster resource.")
    boolean cluster;

    @Option(names = "--resource-pattern-type", paramLabel = "TYPE", description = "literal or prefixed for add "
            + "(default literal); also any or match for list and remove (defaults: list any, remove literal).")
    Optional<String> patternType = Optional.empty();

    @Option(names = "--allow-principal", paramLabel = "PRINCIPAL", description = "Type:name (User:alice; User:* "
            + "for everyone) to allow. Repeatable.")
    List<String> allowPrincipals = new ArrayList<>();

    @Option(names = "--deny-principal", paramLabel = "PRINCIPAL", description = "Type:name to deny. Repeatable.")
    List<String> denyPrincipals = new ArrayList<>();

    @Option(names = "--allow-host", paramLabel = "HOST", description = "IP address the allowed principals may "
            + "connect from (default *). Repeatable.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--deny-host", paramLabel = "HOST", description = "IP address the denied principals are denied "
            + "from (default *). Repeatable.")
    List<String> denyHosts = new ArrayList<>();

    @Option(names = "--operation", paramLabel = "OPERATION", description = "Read, Write, Create, Delete, Alter, "
            + "Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite or All (the default for add). "
            + "Repeatable.")
    List<String> operations = new ArrayList<>();

    @Option(names = "--principal", paramLabel = "PRINCIPAL", description = "list: only the ACLs of this principal.")
    Optional<String> principal = Optional.empty();

    /** The resources named, as patterns of {@code type} (LITERAL or PREFIXED). */
    List<ResourcePattern> patterns(PatternType type) {
        List<ResourcePattern> patterns = new ArrayList<>();
        topics.forEach(t -> patterns.add(new ResourcePattern(ResourceType.TOPIC, t, type)));
        groups.forEach(g -> patterns.add(new ResourcePattern(ResourceType.GROUP, g, type)));
        if (cluster) {
            patterns.add(new ResourcePattern(ResourceType.CLUSTER, ResourceType.CLUSTER_NAME, type));
        }
        return patterns;
    }

    /** The --resource-pattern-type given, else {@code defaultType}. */
    PatternType patternType(PatternType defaultType) {
        return patternType.map(PatternType::parse).orElse(defaultType);
    }

    List<AclOperation> operations() {
        return operations.stream().map(AclOperation::parse).toList();
    }
}
