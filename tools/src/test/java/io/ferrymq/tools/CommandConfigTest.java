package io.ferrymq.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CommandConfigTest {

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        ClusterOptions options = new ClusterOptions();
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    @Test
    void theFilesSettingsReachTheClientAndCommandLinePropertiesWin() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SSL\nssl.truststore.location=/etc/ferry/ca.p12\nclient.id=from-file\n");

        Map<String, Object> props = parse("--bootstrap-server", "b:9093", "--command-config", file.toString(),
                "--command-property", "client.id=from-cli").options.clientProps(Map.of("acks", "all"));

        assertThat(props).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/ferry/ca.p12")
                .containsEntry("client.id", "from-cli")
                .containsEntry("bootstrap.servers", "b:9093")
                .containsEntry("acks", "all");
    }

    @Test
    void anUnreadableFileIsNamed() {
        Path missing = dir.resolve("missing.properties");
        Probe probe = parse("--bootstrap-server", "b:9093", "--command-config", missing.toString());

        assertThatThrownBy(() -> probe.options.clientProps(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--command-config " + missing);
    }
}
