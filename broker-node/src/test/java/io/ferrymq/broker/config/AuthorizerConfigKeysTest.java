package io.ferrymq.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.security.AuthorizerSettings;
import io.ferrymq.broker.security.Principal;
import io.ferrymq.common.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerConfigKeysTest {

    private static BrokerConfig config(String... keyValues) {
        Map<String, String> raw = new HashMap<>(Map.of("broker.id", "1", "zookeeper.connect", "zk:2181"));
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return BrokerConfig.of(raw);
    }

    @Test
    void authorizationIsOffUnlessAnAuthorizerIsNamed() {
        assertThat(ModuleConfigs.authorizerSettings(config())).isEmpty();
        assertThat(ModuleConfigs.authorizerSettings(config("super.users", "User:admin"))).isEmpty();
    }

    @Test
    void kafkasAndFerrysAuthorizerNamesTurnItOnWithTheirSettings() {
        assertThat(ModuleConfigs.authorizerSettings(config("authorizer.class.name",
                "kafka.security.authorizer.AclAuthorizer", "super.users", "User:admin; User:broker-1",
                "allow.everyone.if.no.acl.found", "true")))
                .contains(new AuthorizerSettings(Set.of(Principal.user("admin"), Principal.user("broker-1")), true));
        assertThat(ModuleConfigs.authorizerSettings(config("authorizer.class.name",
                "io.ferrymq.broker.security.AclAuthorizer"))).contains(new AuthorizerSettings(Set.of(), false));
    }

    @Test
    void anotherAuthorizerOrABadSuperUserIsRefusedWithTheKey() {
        assertThatThrownBy(() -> config("authorizer.class.name", "com.example.MyAuthorizer"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("authorizer.class.name").hasMessageContaining("com.example.MyAuthorizer")
                .hasMessageContaining("Ferry implements only");
        assertThatThrownBy(() -> config("super.users", "admin"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("super.users").hasMessageContaining("Type:name");
    }
}
