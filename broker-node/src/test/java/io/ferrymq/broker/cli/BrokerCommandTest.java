package io.ferrymq.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.FerryMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerCommandTest {

    @TempDir
    Path dir;

    private Result run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = FerryMain.execute(args);
            return new Result(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void unknownKeyExitsNonZeroWithOneLineNamingIt() throws IOException {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "broker.id=1\nzookeeper.connect=127.0.0.1:1\nlog.segment.byte=1024\n");

        Result result = run("broker", "--config", file.toString());

        assertThat(result.status()).isNotZero();
        assertThat(result.err().strip()).startsWith("ferry broker: ").contains("log.segment.byte").doesNotContain("\n");
    }

    @Test
    void invalidOverrideNamesTheKeyAndTheAllowedValues() throws IOException {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "broker.id=1\nzookeeper.connect=127.0.0.1:1\n");

        Result result = run("broker", "--config", file.toString(), "--override", "num.io.threads=0");

        assertThat(result.status()).isNotZero();
        assertThat(result.err()).contains("num.io.threads").contains("[1,...]");
    }

    @Test
    void missingConfigFileIsReported() {
        Result result = run("broker", "--config", dir.resolve("absent.properties").toString());

        assertThat(result.status()).isNotZero();
        assertThat(result.err()).contains("absent.properties");
    }

    private record Result(int status, String err) {
    }
}
