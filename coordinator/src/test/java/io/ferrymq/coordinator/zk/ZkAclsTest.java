package io.ferrymq.coordinator.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.Test;

class ZkAclsTest {

    private static final ACL CREATOR_ALL = new ACL(Perms.ALL, new Id("auth", ""));
    private static final ACL WORLD_READ = new ACL(Perms.READ, new Id("world", "anyone"));

    @Test
    void securedNodesAreCreatorAllAndWorldRead() {
        assertThat(ZkAcls.secured("/topics/orders")).containsExactly(CREATOR_ALL, WORLD_READ);
        assertThat(ZkAcls.secured("/")).containsExactly(CREATOR_ALL, WORLD_READ);
    }

    @Test
    void sensitiveNodesAreCreatorAllOnly() {
        assertThat(ZkAcls.secured("/config/users")).containsExactly(CREATOR_ALL);
        assertThat(ZkAcls.secured("/config/users/alice")).containsExactly(CREATOR_ALL);
        assertThat(ZkAcls.secured("/config/usersx")).containsExactly(CREATOR_ALL, WORLD_READ);
    }

    @Test
    void unsecuredNodesAreOpen() {
        assertThat(ZkAcls.forPath(false, "/config/users/alice")).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
    }

    @Test
    void providerJudgesServerPathsRelativeToTheChroot() {
        ZkAcls acls = new ZkAcls("/ferry", true);
        assertThat(acls.getAclForPath("/ferry/config/users/alice")).containsExactly(CREATOR_ALL);
        assertThat(acls.getAclForPath("/ferry/topics")).containsExactly(CREATOR_ALL, WORLD_READ);
        assertThat(acls.getAclForPath("/ferry")).containsExactly(CREATOR_ALL, WORLD_READ);
        assertThat(acls.getAclForPath("/config/users/alice")).as("outside the chroot").containsExactly(CREATOR_ALL, WORLD_READ);
        assertThat(new ZkAcls("/ferry", false).getAclForPath("/ferry/topics")).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
    }

    @Test
    void digestCredentialsMustBeUserColonPasswordAndAreNeverPrinted() {
        assertThatThrownBy(() -> new ZkSecurity(true, Optional.of("nopassword")))
                .hasMessage("ZooKeeper digest credentials must be user:password");
        assertThatThrownBy(() -> new ZkSecurity(true, Optional.of("user:")))
                .hasMessage("ZooKeeper digest credentials must be user:password");
        assertThat(new ZkSecurity(true, Optional.of("broker:s3cret")).toString())
                .contains("broker:****").doesNotContain("s3cret");
    }

    @Test
    void aclsWithoutAnyCredentialsAreRefused() {
        assertThat(System.getProperty(ZkSecurity.JAAS_PROPERTY)).as("this test JVM has no JAAS file").isNull();
        assertThatThrownBy(() -> ZkSecurity.saslAcls().requireCredentials())
                .isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("zookeeper.set.acl is true but this JVM has no ZooKeeper credentials")
                .hasMessageContaining("'Client' section");
        ZkSecurity.NONE.requireCredentials();
        new ZkSecurity(true, Optional.of("broker:pw")).requireCredentials();
    }
}
