package io.ferrymq.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.tools.ClientFactory;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.client.common.serialization.Deserializer;
import io.ferrymq.client.common.serialization.Serializer;
import io.ferrymq.client.consumer.Consumer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.internals.Deserializers;
import io.ferrymq.client.producer.FerryProducer;
import io.ferrymq.client.producer.Producer;
import io.ferrymq.client.producer.ProducerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Both perf commands end to end over real clients and an in-memory cluster (no sockets). */
class PerfCommandsTest {

    private static final String FINAL_LINE = "^(\\d+) records sent, [0-9.]+ records/sec \\([0-9.]+ MB/sec\\), "
            + "[0-9.]+ ms avg latency, [0-9.]+ ms max latency, \\d+ ms 50th, \\d+ ms 95th, \\d+ ms 99th, \\d+ ms 99.9th\\.$";

    private final InMemoryCluster cluster = new InMemoryCluster(1);
    private final ClientFactory clients = new ClientFactory() {
        @Override
        public Admin admin(Map<String, Object> props) {
            return new FerryAdmin(AdminConfig.parse(props), cluster, Clock.systemUTC());
        }

        @Override
        public <K, V> Producer<K, V> producer(Map<String, Object> props, Serializer<K> keys, Serializer<V> values) {
            return new FerryProducer<>(ProducerConfig.parse(props), keys, values, cluster, Clock.systemUTC());
        }

        @Override
        public <K, V> Consumer<K, V> consumer(Map<String, Object> props, Deserializer<K> keys, Deserializer<V> values) {
            return new FerryConsumer<>(ConsumerConfig.parse(props), new Deserializers<>(keys, values), cluster,
                    Clock.systemUTC());
        }
    };

    private record Run(int exitCode, String out, String err) {
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(e.getMessage());
            return 1;
        });
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run produce(String... extra) {
        String[] base = {"--bootstrap-server", "localhost:9092", "--topic", "t", "--record-size", "100"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(new PerfProduceCommand(clients, Clock.systemUTC()), all);
    }

    @Test
    void producesEveryRecordAndPrintsKafkasFinalLine() {
        cluster.createTopic("t", 3);
        Run run = produce("--num-records", "3000", "--throughput", "-1", "--producer-props", "acks=1", "linger.ms=5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String last = run.out().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).matches(FINAL_LINE).startsWith("3000 records sent");
        long stored = 0;
        for (int p = 0; p < 3; p++) {
            stored += cluster.records(new TopicPartition("t", p)).size();
        }
        assertThat(stored).isEqualTo(3000);
        assertThat(cluster.records(new TopicPartition("t", 0)).get(0).value().orElseThrow().remaining()).isEqualTo(100);
    }

    @Test
    void consumesWhatWasProducedWithKafkasColumns() {
        cluster.createTopic("t", 2);
        assertThat(produce("--num-records", "500", "--throughput", "-1").exitCode()).isZero();
        Run run = run(new PerfConsumeCommand(clients, Clock.systemUTC()), "--bootstrap-server", "localhost:9092",
                "--topic", "t", "--messages", "500", "--timeout-ms", "5000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2).first().isEqualTo(ConsumeSummary.HEADER);
        String[] row = run.out().lines().toList().get(1).split(", ");
        assertThat(row[4]).isEqualTo("500");
        assertThat(row[2]).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", 500 * 100 / (1024.0 * 1024.0)));
    }

    @Test
    void missingRecordsAreAnErrorAfterTheTimeoutButFiguresArePrinted() {
        cluster.createTopic("t", 1);
        assertThat(produce("--num-records", "10", "--throughput", "-1").exitCode()).isZero();
        Run run = run(new PerfConsumeCommand(clients, Clock.systemUTC()), "--bootstrap-server", "localhost:9092",
                "--topic", "t", "--messages", "11", "--timeout-ms", "300");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("read 10 of 11");
        assertThat(run.out()).contains(ConsumeSummary.HEADER);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        Run zero = produce("--num-records", "10", "--throughput", "0");
        assertThat(zero.exitCode()).isNotZero();
        assertThat(zero.err()).contains("--throughput must be positive");
        Run none = produce("--num-records", "0", "--throughput", "-1");
        assertThat(none.err()).contains("--num-records must be at least 1");
        assertThat(cluster.produceRequests()).isZero();
    }
}
