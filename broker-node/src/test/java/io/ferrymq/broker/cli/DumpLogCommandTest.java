package io.ferrymq.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DumpLogCommandTest {

    private static final String LOG = "00000000000000000000.log";

    @TempDir
    Path tempDir;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new DumpLogCommand());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path copyKafkaFolder(String folder) throws Exception {
        Path dir = Files.createDirectories(tempDir.resolve(folder));
        for (String file : List.of(LOG, "00000000000000000000.index", "00000000000000000000.timeindex", "batches.txt")) {
            try (InputStream in = getClass().getClassLoader()
                    .getResourceAsStream("kafka-3.9.1-segments/" + folder + "/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        return dir;
    }

    @Test
    void printsEveryBatchLikeKafkasDumpAndVerifiesItsIndexes() throws Exception {
        Path dir = copyKafkaFolder("v2-none-0");
        Result result = run("--files", dir.resolve(LOG).toString(), "--verify-index", "--print-data");
        assertThat(result.exit()).isZero();
        for (String kafkaLine : Files.readAllLines(dir.resolve("batches.txt"))) {
            String withoutLastSequence = kafkaLine.replace(" lastSequence: -1", "");
            assertThat(result.out()).contains(withoutLastSequence);
        }
        assertThat(result.out()).contains("| offset: 0 CreateTime: 1764000000000 keySize: 2 valueSize: 2 header: h1=x "
                + "header: h2=null key: k1 payload: v1");
        assertThat(result.out()).contains("Index ok: 4 offset index entries");
    }

    @Test
    void reportsCorruptionAndIndexMismatchAndExitsNonZero() throws Exception {
        Path dir = copyKafkaFolder("v2-gzip-0");
        Path log = dir.resolve(LOG);
        byte[] bytes = Files.readAllBytes(log);
        bytes[200] ^= 1;
        Files.write(log, bytes);
        Files.write(dir.resolve("00000000000000000000.index"), new byte[] {0, 0, 0, 1, 0, 0, 0, 5},
                StandardOpenOption.APPEND);
        Files.write(log, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        Result result = run("--files", log.toString(), "--verify-index");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("isvalid: false").contains("Found 3 invalid bytes at position")
                .contains("Index mismatch: entry 3 (offset 1, position 5)");
        assertThat(result.err()).contains("problem(s) found");
    }

    @Test
    void missingFileIsAOneLineError() {
        Result result = run("--files", tempDir.resolve("nope.log").toString());
        assertThat(result.exit()).isNotZero();
    }
}
