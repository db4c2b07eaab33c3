package io.ferrymq.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScramCredentialTest {

    private static final byte[] SALT = {9, 8, 7, 6};

    @Test
    void textFormRoundTripsInKafkasLayout() {
        ScramMechanism mechanism = ScramMechanism.SCRAM_SHA_256;
        ScramCredential credential = mechanism.credential(SALT, mechanism.saltedPassword("pw", SALT, 4096), 4096);

        String text = credential.toText();

        assertThat(text).matches("salt=CQgHBg==,stored_key=[A-Za-z0-9+/=]{44},server_key=[A-Za-z0-9+/=]{44},iterations=4096");
        assertThat(ScramCredential.parse(text)).isEqualTo(credential);
        assertThat(mechanism.matches(ScramCredential.parse(text), "pw")).isTrue();
        assertThat(mechanism.matches(ScramCredential.parse(text), "pW")).isFalse();
    }

    @Test
    void parseNamesTheMissingOrMalformedField() {
        assertThatThrownBy(() -> ScramCredential.parse("salt=AA==,stored_key=AA==,iterations=4096"))
                .hasMessageContaining("missing server_key");
        assertThatThrownBy(() -> ScramCredential.parse("salt=AA==,stored_key=AA==,server_key=%%,iterations=4096"))
                .hasMessageContaining("server_key is not base64");
        assertThatThrownBy(() -> ScramCredential.parse("salt=AA==,stored_key=AA==,server_key=AA==,iterations=many"))
                .hasMessageContaining("iterations is not a number");
        assertThatThrownBy(() -> ScramCredential.parse("salt=AA==,stored_key=AA==,server_key=AA==,iterations=100"))
                .hasMessageContaining("between 4096 and 16384, was 100");
    }

    @Test
    void toStringNeverShowsTheKeys() {
        ScramCredential credential = ScramCredential.parse("salt=AA==,stored_key=AQ==,server_key=Ag==,iterations=4096");

        assertThat(credential.toString()).isEqualTo("ScramCredential(iterations=4096)");
    }
}
