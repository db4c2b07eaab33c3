package io.ferrymq.coordinator.acl;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kafka's ZooKeeper layout of ACLs (documented in {@link ZkPaths}): one znode per resource pattern,
 * {@code /kafka-acl/<Type>/<name>} for literal and {@code /kafka-acl-extended/prefixed/<Type>/<name>}
 * for prefixed patterns, holding {@code {"version":1,"acls":[{"principal":..,"permissionType":"Allow",
 * "operation":"Read","host":"*"}]}}. A name with {@code /} cannot be a znode name and is refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class AclZnodes {

    private static final int VERSION = 1;

    private AclZnodes() {
    }

    /** The znode of {@code pattern}'s bindings. */
    public static String path(ResourcePattern pattern) {
        if (pattern.name().contains("/") || pattern.name().equals(".") || pattern.name().equals("..")) {
            throw new IllegalArgumentException("an ACL resource name stored in ZooKeeper cannot be '.', '..' or "
                    + "contain '/', was '" + pattern.name() + "'");
        }
        String root = pattern.patternType() == PatternType.LITERAL ? ZkPaths.LITERAL_ACLS : ZkPaths.PREFIXED_ACLS;
        return root + "/" + pattern.type().zkName() + "/" + pattern.name();
    }

    /** The pattern a path names, if it is exactly a resource node under {@code root} (one of the two ACL roots). */
    public static Optional<ResourcePattern> patternOf(String root, String path) {
        if (!path.startsWith(root + "/")) {
            return Optional.empty();
        }
        String[] parts = path.substring(root.length() + 1).split("/");
        if (parts.length != 2) {
            return Optional.empty();
        }
        Optional<ResourceType> type = Arrays.stream(ResourceType.values())
                .filter(t -> t != ResourceType.ANY && t.zkName().equals(parts[0])).findFirst();
        PatternType patternType = root.equals(ZkPaths.LITERAL_ACLS) ? PatternType.LITERAL : PatternType.PREFIXED;
        return type.map(t -> new ResourcePattern(t, parts[1], patternType));
    }

    public static byte[] toJson(Collection<AccessControlEntry> entries) {
        List<Map<String, Object>> acls = entries.stream().map(AclZnodes::entryJson).toList();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("version", VERSION);
        node.put("acls", acls);
        return Json.bytes(node);
    }

    /** The entries of a resource node; throws {@link IllegalArgumentException} naming the path and field. */
    public static Set<AccessControlEntry> fromJson(String path, byte[] data) {
        JsonObject node = Json.parseObject(path, data);
        int version = node.requireInt("version");
        if (version != VERSION) {
            throw new IllegalArgumentException(path + ": unsupported ACL node version " + version);
        }
        Set<AccessControlEntry> entries = new LinkedHashSet<>();
        for (JsonObject acl : node.requireObjectList("acls")) {
            entries.add(new AccessControlEntry(acl.requireString("principal"), acl.requireString("host"),
                    AclOperation.parse(acl.requireString("operation")),
                    AclPermissionType.parse(acl.requireString("permissionType"))));
        }
        return entries;
    }

    private static Map<String, Object> entryJson(AccessControlEntry entry) {
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("principal", entry.principal());
        acl.put("permissionType", entry.permission().jsonName());
        acl.put("operation", entry.operation().jsonName());
        acl.put("host", entry.host());
        return acl;
    }
}
