package io.ferrymq.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void serversRunC1OnlyOnTwoCpusOrFewerUnlessTold() {
        assertThat(JavaCommand.serverJitOptions(1, "auto")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(JavaCommand.serverJitOptions(2, "auto")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(JavaCommand.serverJitOptions(4, "auto")).isEmpty();
        assertThat(JavaCommand.serverJitOptions(2, "c2")).isEmpty();
        assertThat(JavaCommand.serverJitOptions(16, "c1")).containsExactly("-XX:TieredStopAtLevel=1");
    }

    @Test
    void anUnknownJitModeIsRefusedByName() {
        assertThatThrownBy(() -> JavaCommand.serverJitOptions(2, "fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FERRY_JIT").hasMessageContaining("'fast'");
    }

    @Test
    void theCommandLineHasOptionsPropertiesClasspathMainAndArguments() {
        JavaCommand command = new JavaCommand(Path.of("/jdk/bin/java"), "a.jar:lib/*", List.of("-Xmx64m"));

        assertThat(command.commandLine(Map.of("ferry.home", "/f"), List.of("broker", "--config", "c")))
                .containsExactly("/jdk/bin/java", "-Xmx64m", "-Dferry.home=/f", "-cp", "a.jar:lib/*",
                        JavaCommand.MAIN_CLASS, "broker", "--config", "c");
    }
}
