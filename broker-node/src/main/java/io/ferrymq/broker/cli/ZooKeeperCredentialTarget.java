package io.ferrymq.broker.cli;

import io.ferrymq.client.admin.ScramCredentialInfo;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link CredentialTarget} over ZooKeeper ({@code --zookeeper host:port[/chroot]}): the same znodes
 * and checks as the broker's AlterUserScramCredentials. Holds one ZooKeeper session until closed.
 */
final class ZooKeeperCredentialTarget implements CredentialTarget {

    private static final int SALT_BYTES = 32;

    private final ZkClient zk;
    private final ZkUserCredentials credentials;

    ZooKeeperCredentialTarget(String connect) {
        this.zk = ZkClient.connect(ZkConfig.of(connect));
        this.credentials = new ZkUserCredentials(zk.curator());
    }

    @Override
    public Map<String, List<ScramCredentialInfo>> describe(Collection<String> users) {
        Map<String, Map<ScramMechanism, ScramCredential>> found = new LinkedHashMap<>();
        if (users.isEmpty()) {
            found.putAll(credentials.describeAll());
        }
        for (String user : users) {
            Map<ScramMechanism, ScramCredential> stored = credentials.describe(user);
            if (stored.isEmpty()) {
                throw ErrorCode.RESOURCE_NOT_FOUND.exception("user '" + user + "' has no SCRAM credentials");
            }
            found.put(user, stored);
        }
        Map<String, List<ScramCredentialInfo>> out = new LinkedHashMap<>();
        found.forEach((user, stored) -> out.put(user, stored.entrySet().stream()
                .map(e -> new ScramCredentialInfo(e.getKey().mechanismName(), e.getValue().iterations())).toList()));
        return out;
    }

    @Override
    public void upsert(String user, ScramMechanism mechanism, int iterations, String password) {
        ScramMechanism.checkIterations(iterations);
        byte[] salt = SaslMechanisms.salt(SALT_BYTES);
        ScramCredential credential = mechanism.credential(salt, mechanism.saltedPassword(password, salt, iterations),
                iterations);
        credentials.alter(user, Map.of(mechanism, credential), Set.of());
    }

    @Override
    public void delete(String user, ScramMechanism mechanism) {
        credentials.alter(user, Map.of(), Set.of(mechanism));
    }

    @Override
    public void close() {
        zk.close();
    }
}
