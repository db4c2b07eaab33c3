package io.ferrymq.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.it.harness.Commands;
import io.ferrymq.it.harness.FerryCluster;
import io.ferrymq.it.harness.FerryLauncher;
import io.ferrymq.it.kafka.DriverOutput.Placed;
import io.ferrymq.it.kafka.driver.KafkaClientsDriver;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: stock kafka-clients, each version in a JVM of its own ({@link KafkaClientsDriver} on
 * the class path of {@code target/kafka-clients-3} or {@code target/kafka-clients-4}, which the
 * pom fills with the parent pom's {@code kafka.version} and {@code kafka4.version}), against the
 * Kafka listeners of a 3-broker cluster: the default (idempotent, acks=all) producer, a consumer
 * in a group committing with commitSync, and the Admin calls a Kafka user makes. Every record is
 * consumed exactly once, in order per key, where the producer was told it was stored, and the
 * group's committed offsets are the ends of the partitions.
 */
class KafkaClientsIT {

    private static final int RECORDS = 600;
    private static final int KEYS = 12;
    private static final int PARTITIONS = 6;
    private static final Duration DRIVER_TIMEOUT = Duration.ofSeconds(150);
    private static final String CLIENTS_3 = "kafka-clients-3";
    private static final String CLIENTS_4 = "kafka-clients-4";

    @TempDir
    static Path dir;

    private static FerryCluster cluster;
    private static Map<String, FerryLauncher.Result> results;

    /** Starts the cluster and runs both drivers at once (own topics and groups), each in its own JVM. */
    @BeforeAll
    static void startClusterAndRunDrivers() {
        cluster = FerryCluster.builder(dir.resolve("cluster")).kafkaListener().start();
        CompletableFuture<FerryLauncher.Result> v3 = CompletableFuture.supplyAsync(() -> runDriver(CLIENTS_3));
        CompletableFuture<FerryLauncher.Result> v4 = CompletableFuture.supplyAsync(() -> runDriver(CLIENTS_4));
        results = Map.of(CLIENTS_3, v3.join(), CLIENTS_4, v4.join());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kafkaClients3ProduceConsumeAndAdminAgainstFerry() {
        checkClients(CLIENTS_3, System.getProperty("kafka.version"));
    }

    @Test
    void kafkaClients4ProduceConsumeAndAdminAgainstFerry() {
        checkClients(CLIENTS_4, System.getProperty("kafka4.version"));
    }

    private void checkClients(String jars, String version) {
        String topic = topic(jars);
        String group = group(jars);
        FerryLauncher.Result result = results.get(jars);
        assertThat(result.exitCode()).as("driver with kafka-clients %s (from %s)\n%s", version, jars, result).isZero();
        DriverOutput out = DriverOutput.parse(result.stdout());
        assertThat(out.all("version")).as("the kafka-clients the driver ran").singleElement()
                .extracting(l -> l.field(0)).isEqualTo(version);

        assertThat(out.all("partition")).as("described partitions").hasSize(PARTITIONS)
                .allSatisfy(p -> assertThat(p.fields()).contains("replicas=3", "isr=3"));
        assertThat(out.all("listed")).singleElement().satisfies(l -> assertThat(l.field(0).split(",")).contains(topic));
        assertThat(out.all("cluster")).singleElement().satisfies(l -> assertThat(l.fields()).contains("nodes=3", "controller=true"));

        List<Placed> produced = out.placed("produced");
        List<Placed> consumed = out.placed("consumed");
        assertThat(produced).as("acknowledged sends").hasSize(RECORDS);
        assertThat(consumed).as("every record consumed exactly once").hasSize(RECORDS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(produced);
        assertInOrderPerKey(produced, "produced");
        assertInOrderPerKey(consumed, "consumed");

        assertThat(out.all("group")).singleElement().satisfies(l -> assertThat(l.fields())
                .containsExactly(group, "state=Stable", "members=1", "assigned=" + PARTITIONS));
        assertThat(out.all("group-listed")).extracting(l -> l.field(0)).contains(group);
        Map<Integer, Long> ends = IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toMap(p -> p,
                p -> produced.stream().filter(r -> r.partition() == p).mapToLong(r -> r.offset() + 1).max().orElse(0)));
        Map<Integer, Long> committed = out.all("committed").stream()
                .collect(Collectors.toMap(l -> l.intField(0), l -> l.longField(1)));
        assertThat(committed).as("committed offsets: the end of every partition").isEqualTo(ends);
        assertThat(out.all("grown")).singleElement().extracting(l -> l.intField(0)).isEqualTo(8);
        assertThat(out.all("deleted")).singleElement().extracting(l -> l.field(0)).isEqualTo(topic);
        assertThat(out.lines().get(out.lines().size() - 1).what()).isEqualTo("done");
    }

    /** Each key's records sit on one partition at rising offsets, values {@code #0, #1, ...} in that order. */
    private static void assertInOrderPerKey(List<Placed> records, String what) {
        Map<String, List<Placed>> byKey = records.stream().collect(Collectors.groupingBy(Placed::key));
        assertThat(byKey).as("%s keys", what).hasSize(KEYS);
        byKey.forEach((key, placed) -> {
            assertThat(new HashSet<>(placed.stream().map(Placed::partition).toList())).as("%s partitions of %s", what, key)
                    .hasSize(1);
            assertThat(placed).extracting(Placed::sequence).as("%s order of %s", what, key)
                    .containsExactlyElementsOf(IntStream.range(0, RECORDS / KEYS).boxed().toList());
            assertThat(placed).extracting(Placed::offset).as("%s offsets of %s", what, key).isSorted();
        });
    }

    private static String topic(String jars) {
        return "orders-" + jars;
    }

    private static String group(String jars) {
        return "billing-" + jars;
    }

    private static FerryLauncher.Result runDriver(String jars) {
        Path lib = Path.of("target", jars).toAbsolutePath();
        assertThat(lib).as("kafka-clients copied by the pom (mvn process-test-resources)").isDirectory();
        String classpath = lib + File.separator + "*" + File.pathSeparator + driverClasses();
        return Commands.run(dir.resolve(jars), "driver", DRIVER_TIMEOUT, List.of(Commands.java(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, KafkaClientsDriver.class.getName(),
                cluster.kafkaBootstrap(), topic(jars), group(jars), Integer.toString(RECORDS), Integer.toString(KEYS)));
    }

    /** Where the driver was compiled to ({@code target/test-classes}). */
    private static String driverClasses() {
        try {
            Path classes = Path.of(KafkaClientsDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(Files.isDirectory(classes)).as("driver classes in %s", classes).isTrue();
            return classes.toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("driver class location", e);
        }
    }
}
