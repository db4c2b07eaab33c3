package io.ferrymq.broker.security;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authorizer's broker settings: {@code super.users} (principals that bypass every ACL) and
 * {@code allow.everyone.if.no.acl.found} (what a resource with no ACL at all allows).
 *
 * <p>Immutable and thread-safe.
 */
public record AuthorizerSettings(Set<Principal> superUsers, boolean allowEveryoneIfNoAclFound) {

    public AuthorizerSettings {
        superUsers = Set.copyOf(Objects.requireNonNull(superUsers, "superUsers"));
    }

    /** Parses Kafka's {@code super.users}: principals separated by semicolons, blanks ignored. */
    public static Set<Principal> parseSuperUsers(String text) {
        return Arrays.stream(text.split(";"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Principal::parse)
                .collect(Collectors.toUnmodifiableSet());
    }
}
