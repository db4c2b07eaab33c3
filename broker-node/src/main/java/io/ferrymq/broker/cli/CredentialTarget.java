package io.ferrymq.broker.cli;

import io.ferrymq.client.admin.ScramCredentialInfo;
import io.ferrymq.common.security.ScramMechanism;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where {@code ferry users} reads and writes SCRAM credentials: the cluster through the admin client
 * ({@code --bootstrap-server}), or ZooKeeper directly ({@code --zookeeper}), which is how the first
 * (broker) user is created before any broker can authenticate, as Kafka allows. Either way the
 * password is salted and hashed in this process. Not thread-safe; one command's use.
 */
interface CredentialTarget extends AutoCloseable {

    /** Each user's credentials; every user when {@code users} is empty. */
    Map<String, List<ScramCredentialInfo>> describe(Collection<String> users);

    void upsert(String user, ScramMechanism mechanism, int iterations, String password);

    void delete(String user, ScramMechanism mechanism);

    @Override
    void close();
}
