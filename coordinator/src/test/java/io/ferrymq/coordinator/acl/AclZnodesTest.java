package io.ferrymq.coordinator.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclZnodesTest {

    @Test
    void pathsFollowKafkasLayout() {
        assertThat(AclZnodes.path(ResourcePattern.literal(ResourceType.TOPIC, "orders"))).isEqualTo("/kafka-acl/Topic/orders");
        assertThat(AclZnodes.path(ResourcePattern.cluster())).isEqualTo("/kafka-acl/Cluster/kafka-cluster");
        ResourcePattern prefixed = new ResourcePattern(ResourceType.GROUP, "team-", PatternType.PREFIXED);
        assertThat(AclZnodes.path(prefixed)).isEqualTo("/kafka-acl-extended/prefixed/Group/team-");
        assertThat(AclZnodes.patternOf(ZkPaths.PREFIXED_ACLS, "/kafka-acl-extended/prefixed/Group/team-")).contains(prefixed);
        assertThat(AclZnodes.patternOf(ZkPaths.LITERAL_ACLS, "/kafka-acl/Topic")).isEmpty();
        assertThat(AclZnodes.patternOf(ZkPaths.LITERAL_ACLS, "/kafka-acl/Widget/x")).isEmpty();
        assertThatThrownBy(() -> AclZnodes.path(ResourcePattern.literal(ResourceType.GROUP, "a/b")))
                .hasMessageContaining("'a/b'");
    }

    @Test
    void jsonIsKafkasAndReadsBack() {
        List<AccessControlEntry> entries = List.of(
                new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW),
                new AccessControlEntry("User:*", "10.0.0.1", AclOperation.CLUSTER_ACTION, AclPermissionType.DENY));
        byte[] json = AclZnodes.toJson(entries);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"version\":1,\"acls\":["
                + "{\"principal\":\"User:alice\",\"permissionType\":\"Allow\",\"operation\":\"Read\",\"host\":\"*\"},"
                + "{\"principal\":\"User:*\",\"permissionType\":\"Deny\",\"operation\":\"ClusterAction\",\"host\":\"10.0.0.1\"}]}");
        assertThat(AclZnodes.fromJson("/p", json)).isEqualTo(Set.copyOf(entries));
    }

    @Test
    void unreadableNodesNameTheirPathAndField() {
        byte[] badOperation = "{\"version\":1,\"acls\":[{\"principal\":\"User:a\",\"permissionType\":\"Allow\",\"operation\":\"Fly\",\"host\":\"*\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AclZnodes.fromJson("/kafka-acl/Topic/t", badOperation)).hasMessageContaining("'Fly'");
        byte[] noHost = "{\"version\":1,\"acls\":[{\"principal\":\"User:a\",\"permissionType\":\"Allow\",\"operation\":\"Read\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AclZnodes.fromJson("/kafka-acl/Topic/t", noHost))
                .hasMessageContaining("/kafka-acl/Topic/t.acls[0]").hasMessageContaining("'host'");
        assertThatThrownBy(() -> AclZnodes.fromJson("/x", "{\"version\":2,\"acls\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("version 2");
    }
}
