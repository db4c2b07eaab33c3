package io.ferrymq.coordinator.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserConfigZnodeTest {

    private static final String PATH = "/config/users/alice";
    private static final String KAFKA_LAYOUT = "{\"version\":1,\"config\":{\"SCRAM-SHA-512\":"
            + "\"salt=MWx2NHBkbnc0ZndxN25vdGN4bTB5eTFrN3E=,stored_key=mGCJy5k3LrE2gs6Dp4ALRhgOsVLvQOhLmqvmrg8jUOQ"
            + "XR+fjzWqKBgRx34uxyuHWCfTsG29HW2vHbnVlfUcIbA==,server_key=6Ms3v3z4zVc3sKLwTUYcTcyPyq8GTgqOXHQgS+HLGC"
            + "uAWQsEFH6PflNXrMYIHU6O4XS6CYzLSkGUTzl3eqjPeg==,iterations=8192\",\"producer_byte_rate\":\"1024\"}}";

    private static ScramCredential credential(String password) {
        byte[] salt = {1, 2, 3, 4};
        ScramMechanism sha256 = ScramMechanism.SCRAM_SHA_256;
        return sha256.credential(salt, sha256.saltedPassword(password, salt, 4096), 4096);
    }

    @Test
    void readsAZnodeInKafkasLayoutWithOtherKeysBeside() {
        Map<String, String> config = UserConfigZnode.parse(PATH, KAFKA_LAYOUT.getBytes(StandardCharsets.UTF_8));

        Map<ScramMechanism, ScramCredential> credentials = UserConfigZnode.credentials(PATH, config);

        assertThat(credentials).containsOnlyKeys(ScramMechanism.SCRAM_SHA_512);
        assertThat(credentials.get(ScramMechanism.SCRAM_SHA_512).iterations()).isEqualTo(8192);
    }

    @Test
    void alterKeepsOtherKeysAndRoundTrips() {
        Map<String, String> config = UserConfigZnode.parse(PATH, KAFKA_LAYOUT.getBytes(StandardCharsets.UTF_8));

        Map<String, String> altered = UserConfigZnode.alter("alice", config,
                Map.of(ScramMechanism.SCRAM_SHA_256, credential("pw")), Set.of(ScramMechanism.SCRAM_SHA_512));
        Map<String, String> reread = UserConfigZnode.parse(PATH, UserConfigZnode.encode(altered));

        assertThat(reread).containsOnlyKeys("producer_byte_rate", "SCRAM-SHA-256");
        assertThat(UserConfigZnode.credentials(PATH, reread))
                .containsExactlyEntriesOf(Map.of(ScramMechanism.SCRAM_SHA_256, credential("pw")));
        assertThat(new String(UserConfigZnode.encode(altered), StandardCharsets.UTF_8))
                .startsWith("{\"version\":1,\"config\":{");
    }

    @Test
    void deletingAMissingCredentialIsResourceNotFound() {
        assertThatThrownBy(() -> UserConfigZnode.alter("bob", Map.of(), Map.of(), Set.of(ScramMechanism.SCRAM_SHA_256)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND))
                .hasMessageContaining("user 'bob' has no SCRAM-SHA-256 credential");
    }

    @Test
    void malformedZnodesNameThePathAndTheField() {
        assertThatThrownBy(() -> UserConfigZnode.parse(PATH, "{\"version\":2,\"config\":{}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining(PATH + ": unsupported version 2");
        Map<String, String> broken = Map.of("SCRAM-SHA-256", "salt=AA==,iterations=4096");
        assertThatThrownBy(() -> UserConfigZnode.credentials(PATH, broken))
                .hasMessageContaining(PATH + ": SCRAM-SHA-256: SCRAM credential: missing stored_key");
    }
}
