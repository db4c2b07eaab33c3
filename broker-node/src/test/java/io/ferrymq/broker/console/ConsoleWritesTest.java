package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.security.AclAuthorizer;
import io.ferrymq.broker.security.AuthorizerSettings;
import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.security.ScramMechanism;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which console alterations a principal's ACLs allow, and how the write endpoints answer. */
class ConsoleWritesTest {

    private static final Principal ADMIN = Principal.user("admin");
    private static final Principal VIEWER = Principal.user("viewer");

    private final AclAuthorizer authorizer = new AclAuthorizer(new AuthorizerSettings(Set.of(), false), allowed -> { });
    private final List<ConsoleAlteration> applied = new ArrayList<>();

    ConsoleWritesTest() {
        authorizer.accept(Set.of(
                allow(ResourcePattern.cluster(), "User:admin", AclOperation.CREATE),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "orders"), "User:admin", AclOperation.ALTER),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "orders"), "User:admin", AclOperation.DELETE),
                allow(ResourcePattern.literal(ResourceType.GROUP, "old"), "User:admin", AclOperation.DELETE),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "mine"), "User:viewer", AclOperation.CREATE),
                allow(ResourcePattern.literal(ResourceType.TOPIC, "orders"), "User:viewer", AclOperation.DESCRIBE)));
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation op) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }

    @Test
    void eachAlterationNeedsItsOperationOnItsResource() {
        assertThat(new ConsoleAlteration.CreateTopic("new", 3, (short) 1).refusal(authorizer, ADMIN, "10.0.0.1")).isEmpty();
        assertThat(new ConsoleAlteration.AddPartitions("orders", 4).refusal(authorizer, ADMIN, "10.0.0.1")).isEmpty();
        assertThat(new ConsoleAlteration.DeleteTopic("orders").refusal(authorizer, ADMIN, "10.0.0.1")).isEmpty();
        assertThat(new ConsoleAlteration.DeleteGroup("old").refusal(authorizer, ADMIN, "10.0.0.1")).isEmpty();

        assertThat(new ConsoleAlteration.DeleteTopic("payments").refusal(authorizer, ADMIN, "10.0.0.1"))
                .contains("User:admin is not authorized: needs DELETE on Topic 'payments'");
        assertThat(new ConsoleAlteration.DeleteGroup("live").refusal(authorizer, ADMIN, "10.0.0.1"))
                .contains("User:admin is not authorized: needs DELETE on Group 'live'");
    }

    @Test
    void createNeedsCreateOnTheClusterOrOnTheTopicAndDescribeIsNotAlter() {
        assertThat(new ConsoleAlteration.CreateTopic("mine", 1, (short) 1).refusal(authorizer, VIEWER, "10.0.0.1")).isEmpty();
        assertThat(new ConsoleAlteration.CreateTopic("other", 1, (short) 1).refusal(authorizer, VIEWER, "10.0.0.1"))
                .contains("User:viewer is not authorized: needs CREATE on Cluster 'kafka-cluster' or CREATE on Topic 'other'");
        assertThat(new ConsoleAlteration.AddPartitions("orders", 4).refusal(authorizer, VIEWER, "10.0.0.1"))
                .contains("User:viewer is not authorized: needs ALTER on Topic 'orders'");
    }

    @Test
    void postsAreParsedIntoAlterations() {
        assertThat(ConsoleWrites.alteration("topics", body("{\"topic\":\"t\",\"partitions\":3,\"replicationFactor\":2}")))
                .isEqualTo(new ConsoleAlteration.CreateTopic("t", 3, (short) 2));
        assertThat(ConsoleWrites.alteration("topics/a%2Eb/partitions", body("{\"totalPartitions\":5}")))
                .isEqualTo(new ConsoleAlteration.AddPartitions("a.b", 5));
        assertThat(ConsoleWrites.alteration("topics/t/delete", new byte[0])).isEqualTo(new ConsoleAlteration.DeleteTopic("t"));
        assertThat(ConsoleWrites.alteration("groups/g/delete", new byte[0])).isEqualTo(new ConsoleAlteration.DeleteGroup("g"));

        assertThatThrownBy(() -> ConsoleWrites.alteration("topics", body("{\"topic\":\"t\",\"partitions\":0,\"replicationFactor\":1}")))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ConsoleWrites.alteration("brokers/1/delete", new byte[0]))
                .hasMessageContaining("no such console action");
    }

    @Test
    void securityOffAnswersEveryPost403ReadOnly() {
        ConsoleWrites writes = ConsoleWrites.readOnly();
        ConsoleResponse answer = writes.post("topics/t/delete", post(Optional.empty(), new byte[0]));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(text(answer)).contains(ConsoleWrites.READ_ONLY);
        assertThat(text(writes.session(post(Optional.empty(), new byte[0])))).contains("\"alter\":false");
    }

    @Test
    void withSecurityALoginOpensASessionWhoseAlterationsAreCheckedAndApplied() {
        ConsoleSessions sessions = new ConsoleSessions(Clock.systemUTC());
        byte[] salt = "s".getBytes(StandardCharsets.UTF_8);
        ScramMechanism sha = ScramMechanism.SCRAM_SHA_256;
        var stored = sha.credential(salt, sha.saltedPassword("pw", salt, 4096), 4096);
        ConsoleWrites writes = new ConsoleWrites(Optional.of(new ConsoleWrites.Security(authorizer,
                new ConsoleLogin((user, m) -> user.equals("admin") && m == sha ? Optional.of(stored) : Optional.empty()),
                sessions)), applied::add);

        assertThat(writes.post("login", post(Optional.empty(), body("{\"username\":\"admin\",\"password\":\"nope\"}"))).status())
                .isEqualTo(401);
        assertThat(writes.post("topics/orders/delete", post(Optional.empty(), new byte[0])).status()).isEqualTo(401);

        ConsoleResponse login = writes.post("login", post(Optional.empty(), body("{\"username\":\"admin\",\"password\":\"pw\"}")));
        assertThat(login.status()).isEqualTo(200);
        String cookie = login.setCookie().orElseThrow().split(";")[0];

        assertThat(writes.post("topics/orders/delete", post(Optional.of(cookie), new byte[0])).status()).isEqualTo(200);
        ConsoleResponse refused = writes.post("topics/payments/delete", post(Optional.of(cookie), new byte[0]));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(text(refused)).contains("needs DELETE on Topic 'payments'");
        assertThat(applied).containsExactly(new ConsoleAlteration.DeleteTopic("orders"));
        assertThat(text(writes.session(post(Optional.of(cookie), new byte[0])))).contains("\"principal\":\"User:admin\"");
    }

    @Test
    void aPostWithoutTheConsoleHeaderOrFromAnotherOriginIsRefused() {
        ConsoleRequest noHeader = new ConsoleRequest("POST", "/api/login", null, Optional.empty(), Optional.empty(),
                Optional.of("broker:8443"), Optional.empty(), "10.0.0.1", new byte[0]);
        ConsoleRequest otherOrigin = new ConsoleRequest("POST", "/api/login", null, Optional.empty(),
                Optional.of("https://evil.example"), Optional.of("broker:8443"), Optional.of("1"), "10.0.0.1", new byte[0]);
        ConsoleRequest sameOrigin = new ConsoleRequest("POST", "/api/login", null, Optional.empty(),
                Optional.of("https://broker:8443"), Optional.of("broker:8443"), Optional.of("1"), "10.0.0.1", new byte[0]);

        assertThat(ConsoleWrites.csrfProblem(noHeader)).hasValueSatisfying(m -> assertThat(m).contains("X-Ferry-Console"));
        assertThat(ConsoleWrites.csrfProblem(otherOrigin)).hasValueSatisfying(m -> assertThat(m).contains("evil.example"));
        assertThat(ConsoleWrites.csrfProblem(sameOrigin)).isEmpty();
    }

    private static ConsoleRequest post(Optional<String> cookie, byte[] body) {
        return new ConsoleRequest("POST", "/api/x", null, cookie, Optional.of("https://b:1"), Optional.of("b:1"),
                Optional.of("1"), "10.0.0.1", body);
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ConsoleResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
