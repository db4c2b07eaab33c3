package io.ferrymq.coordinator.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.coordinator.zk.ZkTesting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials written by one session (the tool) reach another session's watched cache (the broker). */
class CredentialStoreIT {

    private static final ScramMechanism SHA256 = ScramMechanism.SCRAM_SHA_256;
    private static final ScramMechanism SHA512 = ScramMechanism.SCRAM_SHA_512;

    private TestingServer server;
    private ZkClient tool;
    private ZkClient broker;
    private CredentialCache cache;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        tool = ZkTesting.connect(server);
        broker = ZkTesting.connect(server);
        cache = new CredentialCache(broker);
        cache.start();
    }

    @AfterEach
    void stop() throws Exception {
        cache.close();
        tool.close();
        broker.close();
        server.close();
    }

    private static ScramCredential credential(ScramMechanism mechanism, String password) {
        byte[] salt = password.getBytes(StandardCharsets.UTF_8);
        return mechanism.credential(salt, mechanism.saltedPassword(password, salt, 4096), 4096);
    }

    private Optional<ScramCredential> cached(String user, ScramMechanism mechanism) {
        return cache.credential(user, mechanism);
    }

    @Test
    void addedChangedAndRemovedCredentialsReachTheCache() {
        ZkUserCredentials store = new ZkUserCredentials(tool.curator());

        store.alter("alice", Map.of(SHA256, credential(SHA256, "one"), SHA512, credential(SHA512, "one")), Set.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> cached("alice", SHA512).isPresent());
        assertThat(cached("alice", SHA256)).contains(credential(SHA256, "one"));

        store.alter("alice", Map.of(SHA256, credential(SHA256, "two")), Set.of(SHA512));
        await().atMost(Duration.ofSeconds(10)).until(() -> cached("alice", SHA512).isEmpty());
        assertThat(cached("alice", SHA256)).contains(credential(SHA256, "two"));
        assertThat(store.describeAll()).containsOnlyKeys("alice");

        store.alter("alice", Map.of(), Set.of(SHA256));
        await().atMost(Duration.ofSeconds(10)).until(() -> cached("alice", SHA256).isEmpty());
        assertThat(store.describeAll()).isEmpty();
    }

    @Test
    void anUnreadableZnodeLocksItsUserOutInsteadOfKeepingAStaleCredential() throws Exception {
        ZkUserCredentials store = new ZkUserCredentials(tool.curator());
        store.alter("bob", Map.of(SHA256, credential(SHA256, "pw")), Set.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> cached("bob", SHA256).isPresent());

        tool.curator().setData().forPath(ZkPaths.user("bob"), "{not json".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(10)).until(() -> cached("bob", SHA256).isEmpty());
    }

    @Test
    void aCacheStartedLaterLoadsExistingUsers() {
        new ZkUserCredentials(tool.curator()).alter("carol", Map.of(SHA512, credential(SHA512, "pw")), Set.of());

        try (CredentialCache late = new CredentialCache(tool)) {
            late.start();
            assertThat(late.credential("carol", SHA512)).contains(credential(SHA512, "pw"));
        }
    }
}
