package io.ferrymq.broker.console;

import io.ferrymq.broker.security.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's logged-in sessions, in memory: an unguessable token (256 random bits) per login,
 * sent back as an {@code HttpOnly; Secure; SameSite=Strict} cookie, valid for {@link #TTL} after
 * the login. A broker restart logs everyone out. Thread-safe.
 */
public final class ConsoleSessions {

    public static final String COOKIE = "ferry_console_session";
    static final Duration TTL = Duration.ofMinutes(30);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code principal}; its token. */
    public String open(Principal principal) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        sessions.values().removeIf(s -> s.expiresAtMs() <= now);
        sessions.put(token, new Session(principal, now + TTL.toMillis()));
        return token;
    }

    /** The principal of the session named by the {@code Cookie} header, when it is live. */
    public Optional<Principal> principal(Optional<String> cookieHeader) {
        return cookieHeader.flatMap(ConsoleSessions::token).flatMap(token -> {
            Session session = sessions.get(token);
            if (session == null || session.expiresAtMs() <= clock.millis()) {
                return Optional.empty();
            }
            return Optional.of(session.principal());
        });
    }

    /** Ends the session named by the {@code Cookie} header, if any. */
    public void close(Optional<String> cookieHeader) {
        cookieHeader.flatMap(ConsoleSessions::token).ifPresent(sessions::remove);
    }

    /** The {@code Set-Cookie} value carrying {@code token}. */
    static String cookie(String token) {
        return COOKIE + "=" + token + "; Path=/; Max-Age=" + TTL.toSeconds() + "; HttpOnly; Secure; SameSite=Strict";
    }

    /** The {@code Set-Cookie} value that removes the session cookie. */
    static String expiredCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict";
    }

    static Optional<String> token(String cookieHeader) {
        for (String part : cookieHeader.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                String value = trimmed.substring(COOKIE.length() + 1);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private record Session(Principal principal, long expiresAtMs) {
    }
}
