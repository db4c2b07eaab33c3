package io.ferrymq.client.admin;

import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.AlterUserScramCredentialsResponse;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse;
import io.ferrymq.common.security.SaslMechanisms;
import io.ferrymq.common.security.ScramMechanism;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin client's side of the SCRAM credential APIs: an upsert is salted and hashed here
 * ({@code Hi(password, salt, iterations)} with a fresh random salt), so the password never leaves
 * the client, as with Kafka's admin client; responses become results or the first error. Stateless;
 * thread-safe.
 */
final class ScramCredentialRequests {

    /** Salt length in bytes (Kafka's admin client uses as many). */
    static final int SALT_BYTES = 32;

    private ScramCredentialRequests() {
    }

    static AlterUserScramCredentialsRequest upsert(String user, ScramMechanism mechanism, int iterations,
                                                   String password) {
        ScramMechanism.checkIterations(iterations);
        byte[] salt = SaslMechanisms.salt(SALT_BYTES);
        return new AlterUserScramCredentialsRequest(List.of(), List.of(new AlterUserScramCredentialsRequest.Upsertion(
                user, mechanism.mechanismName(), iterations, salt, mechanism.saltedPassword(password, salt, iterations))));
    }

    static AlterUserScramCredentialsRequest delete(String user, ScramMechanism mechanism) {
        return new AlterUserScramCredentialsRequest(
                List.of(new AlterUserScramCredentialsRequest.Deletion(user, mechanism.mechanismName())), List.of());
    }

    static void check(AlterUserScramCredentialsResponse response) {
        response.results().forEach(r -> FerryAdmin.check(r.error(),
                "Cannot alter the SCRAM credentials of user '" + r.user() + "'", r.errorMessage()));
    }

    static Map<String, List<ScramCredentialInfo>> described(DescribeUserScramCredentialsResponse response) {
        FerryAdmin.check(response.error(), "Cannot describe SCRAM credentials", response.errorMessage());
        Map<String, List<ScramCredentialInfo>> out = new LinkedHashMap<>();
        for (DescribeUserScramCredentialsResponse.UserResult user : response.results()) {
            FerryAdmin.check(user.error(), "Cannot describe the SCRAM credentials of user '" + user.user() + "'",
                    user.errorMessage());
            out.put(user.user(), user.credentials().stream()
                    .map(c -> new ScramCredentialInfo(c.mechanism(), c.iterations())).toList());
        }
        return out;
    }
}
