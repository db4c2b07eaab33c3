package io.ferrymq.common.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partition logs Kafka 3.9.1 wrote (test resources {@code kafka-3.9.1-segments/}, copied
 * from the shared test data so a clean clone has them): copies a folder to a temporary
 * directory and parses its {@code records.json} and {@code batches.txt}. Shared with the broker and
 * integration tests through the client's test-jar.
 */
public final class KafkaTestData {

    static final String ROOT = "kafka-3.9.1-segments/";
    static final String LOG = "00000000000000000000.log";
    static final List<String> FILES = List.of(LOG, "00000000000000000000.index",
            "00000000000000000000.timeindex", "leader-epoch-checkpoint", "records.json", "batches.txt");

    private static final Pattern RECORD = Pattern.compile(
            "\\{\"offset\":(\\d+),\"timestamp\":(\\d+),\"key_hex\":(null|\"[0-9a-f]*\"),"
                    + "\"value_hex\":(null|\"[0-9a-f]*\"),\"headers\":\\[(.*)]}");
    private static final Pattern HEADER = Pattern.compile("\\{\"key\":\"([^\"]*)\",\"value_hex\":(null|\"[0-9a-f]*\")}");

    public record ExpectedRecord(long offset, long timestamp, Optional<byte[]> key, Optional<byte[]> value,
                          List<Header> headers) {
    }

    private KafkaTestData() {
    }

    /** Copies one folder (e.g. {@code v2-none-0}) into {@code target} and returns it. */
    public static Path copyFolder(String folder, Path target) {
        try {
            Files.createDirectories(target);
            for (String file : FILES) {
                try (InputStream in = open(folder + "/" + file)) {
                    Files.copy(in, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer logBytes(String folder) {
        return ByteBuffer.wrap(readBytes(folder + "/" + LOG));
    }

    public static List<ExpectedRecord> records(String folder) {
        List<ExpectedRecord> records = new ArrayList<>();
        for (String line : new String(readBytes(folder + "/records.json"), StandardCharsets.UTF_8).split("\n")) {
            Matcher m = RECORD.matcher(line.strip());
            if (m.find()) {
                List<Header> headers = new ArrayList<>();
                Matcher h = HEADER.matcher(m.group(5));
                while (h.find()) {
                    headers.add(Header.of(h.group(1), hex(h.group(2)).orElse(null)));
                }
                records.add(new ExpectedRecord(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        hex(m.group(3)), hex(m.group(4)), headers));
            }
        }
        return records;
    }

    /** Each line of {@code batches.txt} as a map of its {@code name: value} pairs. */
    static List<Map<String, String>> batches(String folder) {
        List<Map<String, String>> batches = new ArrayList<>();
        for (String line : new String(readBytes(folder + "/batches.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] tokens = line.strip().split(" ");
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i + 1 < tokens.length; i += 2) {
                fields.put(tokens[i].replace(":", ""), tokens[i + 1]);
            }
            batches.add(fields);
        }
        return batches;
    }

    private static Optional<byte[]> hex(String quotedOrNull) {
        if (quotedOrNull.equals("null")) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().parseHex(quotedOrNull.substring(1, quotedOrNull.length() - 1)));
    }

    private static byte[] readBytes(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = KafkaTestData.class.getClassLoader().getResourceAsStream(ROOT + resource);
        if (in != null) {
            return in;
        }
        Path shared = Path.of("").toAbsolutePath().resolve("../../shared/testdata/" + ROOT + resource).normalize();
        if (Files.exists(shared)) {
            return Files.newInputStream(shared);
        }
        throw new IOException("test data " + ROOT + resource + " not found on the classpath nor at " + shared);
    }
}
