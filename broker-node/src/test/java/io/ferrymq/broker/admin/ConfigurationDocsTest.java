package io.ferrymq.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.config.BrokerConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md must equal what the config definitions generate. After changing a config
 * key, regenerate it with
 * {@code mvn -pl broker-node surefire:test -Dtest=ConfigurationDocsTest -Dferry.docs.update=true}.
 */
class ConfigurationDocsTest {

    static final Path DOC = Path.of("..", "docs", "CONFIGURATION.md");

    @Test
    void committedConfigurationReferenceMatchesTheDefinitions() throws Exception {
        String generated = BrokerConfigKeys.reference();
        if (Boolean.getBoolean("ferry.docs.update")) {
            Files.writeString(DOC, generated);
        }
        assertThat(Files.exists(DOC)).as(DOC + " exists").isTrue();
        assertThat(Files.readString(DOC))
                .as("docs/CONFIGURATION.md is stale; regenerate it with -Dferry.docs.update=true (see this test's javadoc)")
                .isEqualTo(generated);
    }
}
