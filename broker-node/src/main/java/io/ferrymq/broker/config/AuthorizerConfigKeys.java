package io.ferrymq.broker.config;

import static io.ferrymq.common.config.ConfigType.BOOLEAN;
import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.any;

import io.ferrymq.broker.security.AuthorizerSettings;
import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.Validator;
import java.util.List;

/**
 * Names and definitions of the authorization keys (Kafka's names and defaults):
 * {@code authorizer.class.name} turns ACL checks on, {@code super.users} and
 * {@code allow.everyone.if.no.acl.found} shape them.
 *
 * <p>Constants only; thread-safe.
 */
public final class AuthorizerConfigKeys {

    public static final String AUTHORIZER_CLASS_NAME = "authorizer.class.name";
    public static final String SUPER_USERS = "super.users";
    public static final String ALLOW_EVERYONE_IF_NO_ACL_FOUND = "allow.everyone.if.no.acl.found";

    /** Kafka's ZooKeeper-based authorizer, accepted as a name for Ferry's. */
    public static final String KAFKA_ACL_AUTHORIZER = "kafka.security.authorizer.AclAuthorizer";
    /** Ferry's authorizer. */
    public static final String FERRY_ACL_AUTHORIZER = "io.ferrymq.broker.security.AclAuthorizer";

    static final String GROUP_SECURITY = "Authorization";
    private static final List<String> AUTHORIZERS = List.of("", KAFKA_ACL_AUTHORIZER, FERRY_ACL_AUTHORIZER);

    private AuthorizerConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        def.define(GROUP_SECURITY, AUTHORIZER_CLASS_NAME, STRING, "", authorizerName(), HIGH,
                "Turns authorization on: every request is checked against the ACLs in ZooKeeper (managed with "
                        + "ferry acls). Empty (the default) authorizes nothing and allows everything.");
        def.define(GROUP_SECURITY, SUPER_USERS, STRING, "", superUsers(), HIGH,
                "Principals allowed everything whatever the ACLs say, separated by semicolons, "
                        + "e.g. User:admin;User:broker. Give the brokers' own principals here (replica fetches "
                        + "need ClusterAction).");
        def.define(GROUP_SECURITY, ALLOW_EVERYONE_IF_NO_ACL_FOUND, BOOLEAN, false, any(), MEDIUM,
                "When a resource has no ACL at all, allow every principal (true) or deny (false, Kafka's "
                        + "default).");
    }

    private static Validator authorizerName() {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                if (!AUTHORIZERS.contains(String.valueOf(value).trim())) {
                    throw ConfigException.invalid(key, value, "Ferry implements only its ZooKeeper ACL "
                            + "authorizer; set " + KAFKA_ACL_AUTHORIZER + " or " + FERRY_ACL_AUTHORIZER
                            + ", or leave it empty to turn authorization off");
                }
            }

            @Override
            public String describe() {
                return "empty, " + KAFKA_ACL_AUTHORIZER + " or " + FERRY_ACL_AUTHORIZER;
            }
        };
    }

    private static Validator superUsers() {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                try {
                    AuthorizerSettings.parseSuperUsers(String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw ConfigException.invalid(key, value, e.getMessage());
                }
            }

            @Override
            public String describe() {
                return "Type:name principals separated by ';'";
            }
        };
    }
}
