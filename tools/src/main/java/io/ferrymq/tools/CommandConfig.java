package io.ferrymq.tools;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Kafka's {@code --command-config FILE} (also {@code --producer.config}, {@code --consumer.config}):
 * a properties file of client settings, e.g. {@code security.protocol=SSL} and the {@code ssl.*}
 * keys, given to every client the command makes. Settings on the command line win over the file.
 * A picocli mixin; immutable after parsing.
 */
public final class CommandConfig {

    @Option(names = {"--command-config", "--producer.config", "--consumer.config"}, paramLabel = "FILE",
            description = "Properties file of client settings (e.g. security.protocol=SSL, ssl.truststore.location).")
    private Path file;

    /** The file's settings; empty without {@code --command-config}. */
    public Map<String, String> properties() {
        return Optional.ofNullable(file).map(CommandConfig::load).orElse(Map.of());
    }

    /** Reads {@code file}; an unreadable file is an {@link IllegalArgumentException} naming it. */
    static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read --command-config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> out.put(name.trim(), properties.getProperty(name).trim()));
        return out;
    }
}
