package io.ferrymq.broker.kafka.admin;

import io.ferrymq.broker.kafka.KafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's Admin client managing ACLs on one real broker's Kafka listener (the ACL authorizer on, the
 * anonymous plaintext principal a super user): created, described with prefixed and literal
 * patterns, and deleted by filter.
 */
class KafkaAclsIT {

    private static final long WAIT_SECONDS = 30;
    private static final AclBinding ALICE_READS = new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, "orders-", PatternType.PREFIXED),
            new AccessControlEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW));
    private static final AclBinding BOB_WRITES = new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, "audit", PatternType.LITERAL),
            new AccessControlEntry("User:bob", "10.0.0.1", AclOperation.WRITE, AclPermissionType.DENY));

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private Admin admin;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = KafkaBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of(
                "authorizer.class.name", "kafka.security.authorizer.AclAuthorizer",
                "super.users", "User:ANONYMOUS"));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + broker.boundAddress("KAFKA").getPort(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @AfterEach
    void stop() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    @Test
    void aclsAreCreatedDescribedAndDeletedByFilter() throws Exception {
        admin.createAcls(List.of(ALICE_READS, BOB_WRITES)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                .until(() -> describe(AclBindingFilter.ANY), acls -> acls.size() == 2);
        assertThat(describe(AclBindingFilter.ANY)).containsExactlyInAnyOrder(ALICE_READS, BOB_WRITES);

        AclBindingFilter alice = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:alice", null, AclOperation.ANY, AclPermissionType.ANY));
        Collection<AclBinding> deleted = admin.deleteAcls(List.of(alice)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(deleted).containsExactly(ALICE_READS);
        await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                .until(() -> describe(AclBindingFilter.ANY), acls -> acls.size() == 1);
        assertThat(describe(AclBindingFilter.ANY)).containsExactly(BOB_WRITES);
    }

    private Collection<AclBinding> describe(AclBindingFilter filter) throws Exception {
        return admin.describeAcls(filter).values().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
