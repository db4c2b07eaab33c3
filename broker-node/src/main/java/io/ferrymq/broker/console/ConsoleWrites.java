package io.ferrymq.broker.console;

import io.ferrymq.broker.security.Authorizer;
import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The console's login and alter endpoints, and {@code GET /api/session} (what the pages ask before
 * showing any control). Read-only mode ({@link #readOnly()}: security off) answers every
 * {@code POST} 403 {@value #READ_ONLY}. With {@link Security} (an authorizer, the SCRAM
 * credentials, TLS on the admin port):
 * <ul>
 *   <li>{@code POST /api/login} {@code {"username","password"}}: checked by {@link ConsoleLogin};
 *       200 with a session cookie ({@link ConsoleSessions}), or 401;</li>
 *   <li>{@code POST /api/logout};</li>
 *   <li>{@code POST /api/topics} {@code {"topic","partitions","replicationFactor"}},
 *       {@code POST /api/topics/<t>/partitions} {@code {"totalPartitions"}},
 *       {@code POST /api/topics/<t>/delete}, {@code POST /api/groups/<g>/delete}: 401 without a
 *       live session, 403 naming the missing permission when the principal's ACLs refuse
 *       ({@link ConsoleAlteration#refusal}), else applied through the console's admin client.</li>
 * </ul>
 * Cross-site request forgery: every {@code POST} must carry the {@value ConsoleRequest#CSRF_HEADER} header (a page
 * of another origin cannot set it without a CORS preflight, which this server never grants) and,
 * when the browser sends {@code Origin}, come from {@code https://<Host>}; the cookie is also
 * {@code SameSite=Strict}. Thread-safe.
 */
public final class ConsoleWrites {

    static final String READ_ONLY = "the console is read-only unless security is on";

    private final Optional<Security> security;
    private final Consumer<ConsoleAlteration> apply;

    /**
     * What alter mode needs: the authorizer the request path uses, the login check and the sessions.
     */
    public record Security(Authorizer authorizer, ConsoleLogin login, ConsoleSessions sessions) {
    }

    public ConsoleWrites(Optional<Security> security, Consumer<ConsoleAlteration> apply) {
        this.security = security;
        this.apply = apply;
    }

    /** The console with no alter endpoints. */
    static ConsoleWrites readOnly() {
        return new ConsoleWrites(Optional.empty(), a -> {
            throw new IllegalStateException("read-only console cannot apply " + a);
        });
    }

    /** {@code GET /api/session}: whether alter actions are offered, and to whom. */
    ConsoleResponse session(ConsoleRequest request) {
        ObjectNode body = Json.object().put("alter", security.isPresent());
        security.flatMap(s -> s.sessions().principal(request.cookie()))
                .ifPresent(p -> body.put("principal", p.toString()));
        if (security.isEmpty()) {
            body.put("reason", READ_ONLY);
        }
        return ConsoleResponse.json(200, Json.line(body));
    }

    /** A {@code POST} to {@code resource} (the path after {@code /api/}). */
    ConsoleResponse post(String resource, ConsoleRequest request) {
        if (security.isEmpty()) {
            return error(403, READ_ONLY);
        }
        Optional<String> forged = csrfProblem(request);
        if (forged.isPresent()) {
            return error(403, forged.get());
        }
        Security s = security.get();
        if (resource.equals("login")) {
            return login(s, request);
        }
        if (resource.equals("logout")) {
            s.sessions().close(request.cookie());
            return ConsoleResponse.json(200, Json.line(Json.object().put("loggedOut", true)))
                    .withCookie(ConsoleSessions.expiredCookie());
        }
        Optional<Principal> principal = s.sessions().principal(request.cookie());
        if (principal.isEmpty()) {
            return error(401, "log in first: alter actions need a session");
        }
        try {
            ConsoleAlteration alteration = alteration(resource, request.body());
            Optional<String> refusal = alteration.refusal(s.authorizer(), principal.get(), request.clientHost());
            if (refusal.isPresent()) {
                return error(403, refusal.get());
            }
            apply.accept(alteration);
            return ConsoleResponse.json(200, Json.line(Json.object().put("done", alteration.toString())));
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (ApiException e) {
            return error(502, e.getMessage());
        }
    }

    private static ConsoleResponse login(Security s, ConsoleRequest request) {
        JsonObject body;
        try {
            body = Json.parseObject("login", request.body());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        Optional<Principal> principal = s.login().authenticate(body.optionalString("username").orElse(""),
                body.optionalString("password").orElse(null));
        if (principal.isEmpty()) {
            return error(401, "invalid username or password");
        }
        return ConsoleResponse.json(200, Json.line(Json.object().put("principal", principal.get().toString())))
                .withCookie(ConsoleSessions.cookie(s.sessions().open(principal.get())));
    }

    /** Why a {@code POST} may be forged: no {@value ConsoleRequest#CSRF_HEADER} header, or another origin; empty when neither. */
    static Optional<String> csrfProblem(ConsoleRequest request) {
        if (request.csrfHeader().isEmpty()) {
            return Optional.of("refused: a console POST must carry the " + ConsoleRequest.CSRF_HEADER + " header");
        }
        if (request.origin().isPresent()
                && !request.origin().get().equalsIgnoreCase("https://" + request.host().orElse(""))) {
            return Optional.of("refused: cross-origin request from " + request.origin().get());
        }
        return Optional.empty();
    }

    /** The alteration a {@code POST} to {@code resource} with {@code body} asks for. */
    static ConsoleAlteration alteration(String resource, byte[] body) {
        String[] parts = resource.split("/", -1);
        if (parts.length == 1 && parts[0].equals("topics")) {
            JsonObject json = Json.parseObject("create topic", body);
            int partitions = json.requireInt("partitions");
            int replicationFactor = json.requireInt("replicationFactor");
            if (partitions < 1 || replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("partitions and replicationFactor must be at least 1");
            }
            return new ConsoleAlteration.CreateTopic(name(json.requireString("topic")), partitions, (short) replicationFactor);
        }
        if (parts.length == 3 && parts[0].equals("topics") && parts[2].equals("partitions")) {
            int total = Json.parseObject("add partitions", body).requireInt("totalPartitions");
            if (total < 1) {
                throw new IllegalArgumentException("totalPartitions must be at least 1");
            }
            return new ConsoleAlteration.AddPartitions(name(decode(parts[1])), total);
        }
        if (parts.length == 3 && parts[0].equals("topics") && parts[2].equals("delete")) {
            return new ConsoleAlteration.DeleteTopic(name(decode(parts[1])));
        }
        if (parts.length == 3 && parts[0].equals("groups") && parts[2].equals("delete")) {
            return new ConsoleAlteration.DeleteGroup(name(decode(parts[1])));
        }
        throw new IllegalArgumentException("no such console action: POST " + ConsoleApi.PREFIX + resource);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static String name(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a name must not be blank");
        }
        return name;
    }

    private static ConsoleResponse error(int status, String message) {
        return ConsoleResponse.json(status, Json.line(Json.object().put("error", message)));
    }
}
