package io.ferrymq.broker.security;

import static io.ferrymq.common.acl.AclOperation.ALL;
import static io.ferrymq.common.acl.AclOperation.ALTER_CONFIGS;
import static io.ferrymq.common.acl.AclOperation.CLUSTER_ACTION;
import static io.ferrymq.common.acl.AclOperation.DESCRIBE;
import static io.ferrymq.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static io.ferrymq.common.acl.AclOperation.READ;
import static io.ferrymq.common.acl.AclOperation.WRITE;
import static io.ferrymq.common.acl.AclPermissionType.ALLOW;
import static io.ferrymq.common.acl.AclPermissionType.DENY;
import static io.ferrymq.common.acl.ResourceType.CLUSTER;
import static io.ferrymq.common.acl.ResourceType.GROUP;
import static io.ferrymq.common.acl.ResourceType.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.AclPermissionType;
import io.ferrymq.common.acl.PatternType;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclMatcherTest {

    private static final Principal ALICE = Principal.user("alice");
    private static final Principal BOB = Principal.user("bob");
    private static final String HOST = "10.0.0.1";
    private static final AuthorizerSettings STRICT = new AuthorizerSettings(Set.of(), false);

    static AclBinding acl(ResourceType type, String name, PatternType pattern, String principal, String host,
                          AclOperation op, AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, host, op, permission));
    }

    static AclBinding allowTopic(String name, String principal, AclOperation op) {
        return acl(TOPIC, name, PatternType.LITERAL, principal, "*", op, ALLOW);
    }

    private static boolean allowed(List<AclBinding> acls, Principal who, AclOperation op, ResourceType type, String name) {
        return new AclMatcher(acls, STRICT).decide(who, HOST, op, type, name).allowed();
    }

    @Test
    void literalAllowGrantsOnlyThatPrincipalOperationAndTopic() {
        List<AclBinding> acls = List.of(allowTopic("orders", "User:alice", WRITE));
        assertThat(allowed(acls, ALICE, WRITE, TOPIC, "orders")).isTrue();
        assertThat(allowed(acls, BOB, WRITE, TOPIC, "orders")).isFalse();
        assertThat(allowed(acls, ALICE, READ, TOPIC, "orders")).isFalse();
        assertThat(allowed(acls, ALICE, WRITE, TOPIC, "orders2")).isFalse();
        assertThat(allowed(acls, ALICE, WRITE, GROUP, "orders")).isFalse();
    }

    @Test
    void noAclDeniesUnlessAllowEveryoneIfNoAclFound() {
        assertThat(allowed(List.of(), ALICE, READ, TOPIC, "t")).isFalse();
        AclMatcher open = new AclMatcher(List.of(allowTopic("other", "User:bob", READ)),
                new AuthorizerSettings(Set.of(), true));
        assertThat(open.decide(ALICE, HOST, READ, TOPIC, "t").allowed()).isTrue();
        assertThat(open.decide(ALICE, HOST, READ, TOPIC, "other").allowed())
                .as("a resource with an ACL for someone else is not 'no ACL found'").isFalse();
    }

    @Test
    void denyWinsOverAllowAndWildcards() {
        List<AclBinding> acls = List.of(allowTopic("*", "User:*", ALL),
                acl(TOPIC, "secret", PatternType.PREFIXED, "User:alice", "*", READ, DENY));
        assertThat(allowed(acls, ALICE, WRITE, TOPIC, "secret-x")).isTrue();
        assertThat(allowed(acls, ALICE, READ, TOPIC, "secret-x")).isFalse();
        assertThat(allowed(acls, BOB, READ, TOPIC, "secret-x")).isTrue();
        assertThat(allowed(acls, ALICE, READ, TOPIC, "public")).isTrue();
    }

    @Test
    void prefixedMatchesNamesThatStartWithIt() {
        List<AclBinding> acls = List.of(acl(TOPIC, "team-a.", PatternType.PREFIXED, "User:alice", "*", READ, ALLOW));
        assertThat(allowed(acls, ALICE, READ, TOPIC, "team-a.orders")).isTrue();
        assertThat(allowed(acls, ALICE, READ, TOPIC, "team-a.")).isTrue();
        assertThat(allowed(acls, ALICE, READ, TOPIC, "team-b.orders")).isFalse();
        assertThat(allowed(acls, ALICE, READ, TOPIC, "team-a")).isFalse();
    }

    @Test
    void hostMustMatchUnlessStar() {
        List<AclBinding> acls = List.of(acl(TOPIC, "t", PatternType.LITERAL, "User:alice", "10.0.0.2", READ, ALLOW));
        assertThat(allowed(acls, ALICE, READ, TOPIC, "t")).isFalse();
        AclMatcher matcher = new AclMatcher(acls, STRICT);
        assertThat(matcher.decide(ALICE, "10.0.0.2", READ, TOPIC, "t").allowed()).isTrue();
    }

    @Test
    void impliedOperationsFollowKafka() {
        for (AclOperation op : List.of(READ, WRITE, AclOperation.DELETE, AclOperation.ALTER)) {
            assertThat(allowed(List.of(allowTopic("t", "User:alice", op)), ALICE, DESCRIBE, TOPIC, "t"))
                    .as(op + " implies DESCRIBE").isTrue();
        }
        assertThat(allowed(List.of(allowTopic("t", "User:alice", AclOperation.CREATE)), ALICE, DESCRIBE, TOPIC, "t"))
                .isFalse();
        assertThat(allowed(List.of(allowTopic("t", "User:alice", ALTER_CONFIGS)), ALICE, DESCRIBE_CONFIGS, TOPIC, "t"))
                .isTrue();
        assertThat(allowed(List.of(allowTopic("t", "User:alice", READ)), ALICE, WRITE, TOPIC, "t")).isFalse();
        assertThat(allowed(List.of(allowTopic("t", "User:alice", DESCRIBE)), ALICE, READ, TOPIC, "t")).isFalse();
    }

    @Test
    void aDenyOfAnImplyingOperationDoesNotDenyDescribe() {
        List<AclBinding> acls = List.of(allowTopic("t", "User:alice", DESCRIBE),
                acl(TOPIC, "t", PatternType.LITERAL, "User:alice", "*", READ, DENY));
        assertThat(allowed(acls, ALICE, DESCRIBE, TOPIC, "t")).isTrue();
        assertThat(allowed(acls, ALICE, READ, TOPIC, "t")).isFalse();
    }

    @Test
    void superUsersBypassEvenDenies() {
        AclMatcher matcher = new AclMatcher(List.of(acl(CLUSTER, "kafka-cluster", PatternType.LITERAL, "User:*", "*",
                ALL, DENY)), new AuthorizerSettings(AuthorizerSettings.parseSuperUsers("User:broker; User:admin"), false));
        assertThat(matcher.decide(Principal.user("broker"), HOST, CLUSTER_ACTION, CLUSTER, "kafka-cluster").allowed())
                .isTrue();
        assertThat(matcher.decide(ALICE, HOST, CLUSTER_ACTION, CLUSTER, "kafka-cluster").allowed()).isFalse();
    }

    @Test
    void decideAnyFindsAnUncancelledAllowOfTheType() {
        List<AclBinding> acls = List.of(allowTopic("a", "User:alice", WRITE),
                acl(TOPIC, "b", PatternType.PREFIXED, "User:bob", "*", WRITE, ALLOW),
                acl(TOPIC, "b", PatternType.LITERAL, "User:bob", "*", WRITE, DENY));
        AclMatcher matcher = new AclMatcher(acls, STRICT);
        assertThat(matcher.decideAny(ALICE, HOST, WRITE, TOPIC).allowed()).isTrue();
        assertThat(matcher.decideAny(ALICE, HOST, READ, TOPIC).allowed()).isFalse();
        assertThat(matcher.decideAny(BOB, HOST, WRITE, TOPIC).allowed()).isFalse();
        assertThat(matcher.decideAny(ALICE, HOST, WRITE, GROUP).allowed()).isFalse();
    }

    /** Properties over random ACL sets: DENY wins, super users pass, adding an ALLOW never takes access away. */
    @Test
    void randomAclSetsKeepTheRules() {
        Random random = new Random(18);
        String[] names = {"a", "ab", "b", "*"};
        String[] principals = {"User:alice", "User:bob", "User:*"};
        AclOperation[] ops = {READ, WRITE, DESCRIBE, ALL, AclOperation.DELETE};
        for (int round = 0; round < 500; round++) {
            List<AclBinding> acls = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                String name = names[random.nextInt(names.length)];
                PatternType pattern = name.equals("*") || random.nextBoolean() ? PatternType.LITERAL : PatternType.PREFIXED;
                acls.add(acl(TOPIC, name, pattern, principals[random.nextInt(principals.length)],
                        random.nextBoolean() ? "*" : HOST, ops[random.nextInt(ops.length)],
                        random.nextInt(3) == 0 ? DENY : ALLOW));
            }
            AclOperation op = ops[random.nextInt(ops.length - 2)];
            String resource = names[random.nextInt(names.length - 1)] + (random.nextBoolean() ? "" : "x");
            boolean before = allowed(acls, ALICE, op, TOPIC, resource);

            List<AclBinding> plusAllow = new ArrayList<>(acls);
            plusAllow.add(allowTopic(resource, "User:alice", op));
            assertThat(allowed(plusAllow, ALICE, op, TOPIC, resource) || !before).isTrue();

            List<AclBinding> plusDeny = new ArrayList<>(plusAllow);
            plusDeny.add(acl(TOPIC, resource.substring(0, 1), PatternType.PREFIXED, "User:*", "*", op, DENY));
            assertThat(allowed(plusDeny, ALICE, op, TOPIC, resource)).as("DENY wins in %s", plusDeny).isFalse();
            assertThat(new AclMatcher(plusDeny, new AuthorizerSettings(Set.of(ALICE), false))
                    .decide(ALICE, HOST, op, TOPIC, resource).allowed()).isTrue();
        }
    }
}
