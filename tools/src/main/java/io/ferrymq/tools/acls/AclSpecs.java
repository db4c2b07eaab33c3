package io.ferrymq.tools.acls;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AclOptions} ask for, as kafka-acls reads them: add creates every combination of
 * resource × (allow principal × allow host, deny principal × deny host) × operation; list filters by
 * resource and principal; remove deletes those combinations (any host and any operation unless
 * named), or every ACL of the resources when no principal is named. Bad input is refused with a message naming the option.
 *
 * <p>Stateless and thread-safe.
 */
final class AclSpecs {

    private AclSpecs() {
    }

    static List<AclBinding> bindingsToAdd(AclOptions options) {
        PatternType type = options.patternType(PatternType.LITERAL);
        if (!type.isSpecific()) {
            throw new IllegalArgumentException("--resource-pattern-type must be literal or prefixed when adding, was "
                    + type);
        }
        List<ResourcePattern> patterns = requirePatterns(options, type);
        if (options.allowPrincipals.isEmpty() && options.denyPrincipals.isEmpty()) {
            throw new IllegalArgumentException("add needs --allow-principal or --deny-principal");
        }
        List<AclOperation> operations = options.operations().isEmpty() ? List.of(AclOperation.ALL) : options.operations();
        List<AclBinding> bindings = new ArrayList<>();
        for (ResourcePattern pattern : patterns) {
            for (AccessControlEntry entry : entries(options, operations)) {
                bindings.add(new AclBinding(pattern, entry));
            }
        }
        return bindings;
    }

    static List<AclBindingFilter> listFilters(AclOptions options) {
        PatternType type = options.patternType(PatternType.ANY);
        List<ResourcePattern> named = namedResources(options);
        if (named.isEmpty()) {
            return List.of(new AclBindingFilter(ResourceType.ANY, Optional.empty(), type, options.principal,
                    Optional.empty(), AclOperation.ANY, AclPermissionType.ANY));
        }
        return named.stream().map(p -> new AclBindingFilter(p.type(), Optional.of(p.name()), type, options.principal,
                Optional.empty(), AclOperation.ANY, AclPermissionType.ANY)).toList();
    }

    static List<AclBindingFilter> removeFilters(AclOptions options) {
        PatternType type = options.patternType(PatternType.LITERAL);
        List<ResourcePattern> named = namedResources(options);
        if (named.isEmpty()) {
            throw new IllegalArgumentException("remove needs --topic, --group or --cluster");
        }
        List<AclOperation> operations = options.operations().isEmpty() ? List.of(AclOperation.ANY) : options.operations();
        List<AclBindingFilter> filters = new ArrayList<>();
        for (ResourcePattern p : named) {
            if (options.allowPrincipals.isEmpty() && options.denyPrincipals.isEmpty()) {
                filters.add(new AclBindingFilter(p.type(), Optional.of(p.name()), type, Optional.empty(),
                        Optional.empty(), AclOperation.ANY, AclPermissionType.ANY));
            }
            addFilters(filters, p, type, options.allowPrincipals, options.allowHosts, operations, AclPermissionType.ALLOW);
            addFilters(filters, p, type, options.denyPrincipals, options.denyHosts, operations, AclPermissionType.DENY);
        }
        return filters;
    }

    /** The resources named, carrying only type and name (the pattern type comes from the filter). */
    private static List<ResourcePattern> namedResources(AclOptions options) {
        return options.patterns(PatternType.LITERAL);
    }

    /** Filters for each principal × host (any host when none is named) × operation. */
    private static void addFilters(List<AclBindingFilter> out, ResourcePattern resource, PatternType type,
                                   List<String> principals, List<String> hosts, List<AclOperation> operations,
                                   AclPermissionType permission) {
        List<Optional<String>> anyOrHosts = hosts.isEmpty() ? List.of(Optional.empty())
                : hosts.stream().map(Optional::of).toList();
        for (String principal : principals) {
            for (Optional<String> host : anyOrHosts) {
                for (AclOperation operation : operations) {
                    out.add(new AclBindingFilter(resource.type(), Optional.of(resource.name()), type,
                            Optional.of(principal), host, operation, permission));
                }
            }
        }
    }

    private static List<ResourcePattern> requirePatterns(AclOptions options, PatternType type) {
        List<ResourcePattern> patterns = options.patterns(type);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("name a resource with --topic, --group or --cluster");
        }
        return patterns;
    }

    private static List<AccessControlEntry> entries(AclOptions options, List<AclOperation> operations) {
        List<AccessControlEntry> entries = new ArrayList<>();
        addEntries(entries, options.allowPrincipals, options.allowHosts, operations, AclPermissionType.ALLOW);
        addEntries(entries, options.denyPrincipals, options.denyHosts, operations, AclPermissionType.DENY);
        return entries;
    }

    private static void addEntries(List<AccessControlEntry> out, List<String> principals, List<String> hosts,
                                   List<AclOperation> operations, AclPermissionType permission) {
        List<String> effectiveHosts = hosts.isEmpty() ? List.of(AccessControlEntry.ANY_HOST) : hosts;
        for (String principal : principals) {
            for (String host : effectiveHosts) {
                for (AclOperation operation : operations) {
                    out.add(new AccessControlEntry(principal, host, operation, permission));
                }
            }
        }
    }
}
