package io.ferrymq.broker.console;

import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramCredentialLookup;
import io.ferrymq.common.security.ScramMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks a console login against the SCRAM credentials ZooKeeper holds ({@code /config/users},
 * the same ones SASL/SCRAM clients log in with): the password is salted with the stored salt and
 * iteration count, its {@code StoredKey} derived and compared in constant time to the stored one,
 * for the user's strongest mechanism (SCRAM-SHA-512, else SCRAM-SHA-256). The password is never
 * kept. An unknown user costs the same derivation (against a fixed dummy credential), so the
 * answer's timing does not tell which user names exist.
 *
 * <p>Immutable; thread-safe when the lookup is.
 */
public final class ConsoleLogin {

    private static final ScramCredential DUMMY = ScramMechanism.SCRAM_SHA_512.credential(
            "ferry-console-dummy-salt".getBytes(StandardCharsets.UTF_8),
            ScramMechanism.SCRAM_SHA_512.saltedPassword("ferry-console-dummy", "ferry-console-dummy-salt"
                    .getBytes(StandardCharsets.UTF_8), ScramMechanism.MIN_ITERATIONS),
            ScramMechanism.MIN_ITERATIONS);

    private final ScramCredentialLookup credentials;

    public ConsoleLogin(ScramCredentialLookup credentials) {
        this.credentials = credentials;
    }

    /** {@code User:<username>} when {@code password} is that user's SCRAM password; empty otherwise. */
    public Optional<Principal> authenticate(String username, String password) {
        if (username == null || username.isEmpty() || password == null) {
            return Optional.empty();
        }
        for (ScramMechanism mechanism : new ScramMechanism[] {ScramMechanism.SCRAM_SHA_512, ScramMechanism.SCRAM_SHA_256}) {
            Optional<ScramCredential> stored = credentials.credential(username, mechanism);
            if (stored.isPresent()) {
                return mechanism.matches(stored.get(), password) ? Optional.of(Principal.user(username)) : Optional.empty();
            }
        }
        ScramMechanism.SCRAM_SHA_512.matches(DUMMY, password);
        return Optional.empty();
    }
}
