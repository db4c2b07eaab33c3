package io.ferrymq.tools;

import io.ferrymq.client.common.serialization.StringSerializer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry produce --topic T}: sends each line of standard input as a record, like Kafka's
 * console producer; with {@code --property parse.key=true} the text before {@code key.separator}
 * (default TAB) is the key. Exits non-zero if any record failed, naming the first error.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Send lines from standard input to a topic.")
public final class ProduceCommand implements Callable<Integer> {

    private static final Set<String> PROPERTIES = Set.of("parse.key", "key.separator");

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--topic", required = true, description = "Topic to write to.")
    private String topic;

    @Option(names = "--partition", description = "Write every record to this partition.")
    private Integer partition;

    @Option(names = "--acks", defaultValue = "all", description = "0, 1 or all (default: ${DEFAULT-VALUE}).")
    private String acks;

    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "parse.key=true, key.separator=<sep>.")
    private Map<String, String> properties = new LinkedHashMap<>();

    private final ClientFactory clients;
    private final InputStream in;

    public ProduceCommand() {
        this(ClientFactory.network(), System.in);
    }

    public ProduceCommand(ClientFactory clients, InputStream in) {
        this.clients = clients;
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        ToolProperties tool = new ToolProperties(properties, PROPERTIES);
        boolean parseKey = tool.flag("parse.key");
        String separator = tool.string("key.separator", "\t");
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        int sent = 0;
        Map<String, Object> props = cluster.clientProps(Map.of("acks", acks, "linger.ms", "5"));
        try (Producer<String, String> producer = clients.producer(props, new StringSerializer(), new StringSerializer());
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                sent++;
                producer.send(record(line, sent, parseKey, separator), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + sent + " records were not written; first error: "
                    + firstError.get().getMessage());
        }
        return 0;
    }

    private ProducerRecord<String, String> record(String line, int lineNumber, boolean parseKey, String separator) {
        String key = null;
        String value = line;
        if (parseKey) {
            int at = line.indexOf(separator);
            if (at < 0) {
                throw new IllegalArgumentException("No key separator '" + separator.replace("\t", "\\t")
                        + "' on line " + lineNumber + ": " + line);
            }
            key = line.substring(0, at);
            value = line.substring(at + separator.length());
        }
        OptionalInt target = partition == null ? OptionalInt.empty() : OptionalInt.of(partition);
        return new ProducerRecord<>(topic, target, OptionalLong.empty(), key, value, List.of());
    }
}
