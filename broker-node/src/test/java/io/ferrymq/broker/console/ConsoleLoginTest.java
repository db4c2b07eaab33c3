package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's login: a password checked against stored SCRAM credentials, and the sessions it opens. */
class ConsoleLoginTest {

    private static ScramCredential credential(ScramMechanism mechanism, String password) {
        byte[] salt = "some-salt".getBytes(StandardCharsets.UTF_8);
        int iterations = ScramMechanism.MIN_ITERATIONS;
        return mechanism.credential(salt, mechanism.saltedPassword(password, salt, iterations), iterations);
    }

    private final Map<String, Map<ScramMechanism, ScramCredential>> stored = Map.of(
            "alice", Map.of(ScramMechanism.SCRAM_SHA_512, credential(ScramMechanism.SCRAM_SHA_512, "alice-secret")),
            "bob", Map.of(ScramMechanism.SCRAM_SHA_256, credential(ScramMechanism.SCRAM_SHA_256, "bob-secret")));
    private final ConsoleLogin login = new ConsoleLogin((user, mechanism) ->
            Optional.ofNullable(stored.getOrDefault(user, Map.of()).get(mechanism)));

    @Test
    void theRightPasswordLogsTheUserInForEitherMechanism() {
        assertThat(login.authenticate("alice", "alice-secret")).contains(Principal.user("alice"));
        assertThat(login.authenticate("bob", "bob-secret")).contains(Principal.user("bob"));
    }

    @Test
    void aWrongPasswordAnUnknownUserAndMissingFieldsAreRefused() {
        assertThat(login.authenticate("alice", "bob-secret")).isEmpty();
        assertThat(login.authenticate("alice", "alice-secret ")).isEmpty();
        assertThat(login.authenticate("carol", "alice-secret")).isEmpty();
        assertThat(login.authenticate("", "alice-secret")).isEmpty();
        assertThat(login.authenticate("alice", null)).isEmpty();
    }

    @Test
    void aSessionNamesItsPrincipalUntilItExpiresOrIsClosed() {
        MutableClock clock = new MutableClock();
        ConsoleSessions sessions = new ConsoleSessions(clock);
        String token = sessions.open(Principal.user("alice"));
        String cookieHeader = "other=1; " + ConsoleSessions.COOKIE + "=" + token;

        assertThat(sessions.principal(Optional.of(cookieHeader))).contains(Principal.user("alice"));
        assertThat(sessions.principal(Optional.of(ConsoleSessions.COOKIE + "=forged"))).isEmpty();
        assertThat(sessions.principal(Optional.empty())).isEmpty();
        assertThat(ConsoleSessions.cookie(token)).contains("HttpOnly").contains("Secure").contains("SameSite=Strict");

        clock.now = clock.now.plus(ConsoleSessions.TTL);
        assertThat(sessions.principal(Optional.of(cookieHeader))).isEmpty();

        String second = sessions.open(Principal.user("bob"));
        sessions.close(Optional.of(ConsoleSessions.COOKIE + "=" + second));
        assertThat(sessions.principal(Optional.of(ConsoleSessions.COOKIE + "=" + second))).isEmpty();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
