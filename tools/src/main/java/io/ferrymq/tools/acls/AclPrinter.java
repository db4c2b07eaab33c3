package io.ferrymq.tools.acls;

import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.ResourcePattern;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints ACL bindings grouped by resource, as kafka-acls does:
 * <pre>
 * Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`:
 *  	(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)
 * </pre>
 * Stateless and thread-safe.
 */
final class AclPrinter {

    private AclPrinter() {
    }

    static void print(PrintWriter out, String heading, Collection<AclBinding> bindings) {
        Map<ResourcePattern, List<AclBinding>> byResource = new LinkedHashMap<>();
        bindings.stream()
                .sorted(Comparator.comparing((AclBinding b) -> b.pattern().type())
                        .thenComparing(b -> b.pattern().name()).thenComparing(b -> b.pattern().patternType())
                        .thenComparing(b -> b.entry().principal()).thenComparing(b -> b.entry().operation()))
                .forEach(b -> byResource.computeIfAbsent(b.pattern(), p -> new java.util.ArrayList<>()).add(b));
        byResource.forEach((pattern, list) -> {
            out.println(heading + " `ResourcePattern(resourceType=" + pattern.type() + ", name=" + pattern.name()
                    + ", patternType=" + pattern.patternType() + ")`:");
            list.forEach(b -> out.println(" \t(principal=" + b.entry().principal() + ", host=" + b.entry().host()
                    + ", operation=" + b.entry().operation() + ", permissionType=" + b.entry().permission() + ")"));
            out.println();
        });
    }
}
