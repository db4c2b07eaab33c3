package io.ferrymq.broker.cli;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.ScramCredentialInfo;
import io.ferrymq.common.security.ScramMechanism;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** {@link CredentialTarget} through the cluster's admin APIs ({@code --bootstrap-server}). */
final class BrokerCredentialTarget implements CredentialTarget {

    private final Admin admin;

    BrokerCredentialTarget(Map<String, Object> clientProps) {
        this.admin = FerryAdmin.create(clientProps);
    }

    @Override
    public Map<String, List<ScramCredentialInfo>> describe(Collection<String> users) {
        return admin.describeUserScramCredentials(users);
    }

    @Override
    public void upsert(String user, ScramMechanism mechanism, int iterations, String password) {
        admin.upsertUserScramCredential(user, mechanism, iterations, password);
    }

    @Override
    public void delete(String user, ScramMechanism mechanism) {
        admin.deleteUserScramCredential(user, mechanism);
    }

    @Override
    public void close() {
        admin.close();
    }
}
