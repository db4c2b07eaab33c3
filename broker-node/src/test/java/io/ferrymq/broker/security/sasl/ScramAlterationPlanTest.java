package io.ferrymq.broker.security.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest.Deletion;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest.Upsertion;
import io.ferrymq.common.security.ScramMechanism;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScramAlterationPlanTest {

    private static final byte[] SALT = {1, 2, 3};
    private static final byte[] SALTED = {4, 5, 6};

    private static Upsertion upsert(String user, String mechanism, int iterations) {
        return new Upsertion(user, mechanism, iterations, SALT, SALTED);
    }

    @Test
    void validAlterationsBecomeCredentialsDerivedFromTheSaltedPassword() {
        ScramAlterationPlan plan = ScramAlterationPlan.of(new AlterUserScramCredentialsRequest(
                List.of(new Deletion("alice", "SCRAM-SHA-512")), List.of(upsert("alice", "SCRAM-SHA-256", 8192))));

        assertThat(plan.refused()).isEmpty();
        ScramAlterationPlan.UserAlteration alice = plan.valid().get("alice");
        assertThat(alice.deletions()).isEqualTo(Set.of(ScramMechanism.SCRAM_SHA_512));
        assertThat(alice.upserts().get(ScramMechanism.SCRAM_SHA_256))
                .isEqualTo(ScramMechanism.SCRAM_SHA_256.credential(SALT, SALTED, 8192));
    }

    @Test
    void eachBadAlterationRefusesItsUserWithKafkasCode() {
        ScramAlterationPlan plan = ScramAlterationPlan.of(new AlterUserScramCredentialsRequest(
                List.of(new Deletion("dup", "SCRAM-SHA-256")),
                List.of(upsert("ok", "SCRAM-SHA-256", 4096), upsert("few", "SCRAM-SHA-256", 4095),
                        upsert("plain", "PLAIN", 4096), upsert("dup", "SCRAM-SHA-256", 4096),
                        upsert("", "SCRAM-SHA-256", 4096),
                        new Upsertion("nosalt", "SCRAM-SHA-512", 4096, new byte[0], SALTED))));

        assertThat(plan.valid()).containsOnlyKeys("ok");
        assertThat(plan.refused()).containsOnlyKeys("few", "plain", "dup", "", "nosalt");
        assertThat(plan.refused().get("few")).isEqualTo(new ApiError(ErrorCode.UNACCEPTABLE_CREDENTIAL,
                "user 'few': iterations must be between 4096 and 16384, was 4095"));
        assertThat(plan.refused().get("plain").error()).isEqualTo(ErrorCode.UNSUPPORTED_SASL_MECHANISM);
        assertThat(plan.refused().get("dup").error()).isEqualTo(ErrorCode.DUPLICATE_RESOURCE);
        assertThat(plan.refused().get("").error()).isEqualTo(ErrorCode.UNACCEPTABLE_CREDENTIAL);
        assertThat(plan.refused().get("nosalt").message()).contains("salt and salted password must not be empty");
    }
}
