package io.ferrymq.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.internals.InMemoryCluster;
import io.ferrymq.common.record.Record;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProduceConsumeCommandTest {

    private static final String BOOTSTRAP = "--bootstrap-server=broker1:9001";

    private final InMemoryCluster cluster = new InMemoryCluster(1);
    private final InMemoryClients clients = new InMemoryClients(cluster);

    @BeforeEach
    void createTopic() {
        cluster.createTopic("t", 1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private CommandRun produce(String input, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = BOOTSTRAP;
        all[1] = "--topic";
        all[2] = "t";
        System.arraycopy(args, 0, all, 3, args.length);
        return CommandRun.of(new ProduceCommand(clients, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))), all);
    }

    @Test
    void linesWithKeysAreProducedAndConsumedInKafkasConsoleFormat() {
        CommandRun produced = produce("a:1\nb:2\nc:3:x\n", "--property", "parse.key=true", "--property", "key.separator=:",
                "--acks", "1");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        Record first = cluster.records(new TopicPartition("t", 0)).get(0);
        assertThat(StandardCharsets.UTF_8.decode(first.key().orElseThrow()).toString()).isEqualTo("a");
        CommandRun consumed = CommandRun.of(new ConsumeCommand(clients, Clock.systemUTC()), BOOTSTRAP, "--topic", "t",
                "--from-beginning", "--max-messages", "3", "--property", "print.key=true",
                "--property", "print.offset=true", "--property", "print.partition=true");
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.out()).isEqualTo("Partition:0\tOffset:0\ta\t1\nPartition:0\tOffset:1\tb\t2\n"
                + "Partition:0\tOffset:2\tc\t3:x\n");
        assertThat(consumed.err()).contains("Processed a total of 3 messages");
    }

    @Test
    void consumeFromAnOffsetStopsAfterTheTimeoutWithoutRecords() {
        produce("v0\nv1\nv2\nv3\n");
        CommandRun consumed = CommandRun.of(new ConsumeCommand(clients, Clock.systemUTC()), BOOTSTRAP, "--topic", "t",
                "--partition", "0", "--offset", "2", "--timeout-ms", "300");
        assertThat(consumed.exitCode()).isZero();
        assertThat(consumed.out()).isEqualTo("v2\nv3\n");
        assertThat(consumed.err()).contains("Processed a total of 2 messages");
    }

    @Test
    void aLineWithoutTheKeySeparatorIsAnErrorNamingTheLine() {
        CommandRun produced = produce("a\tb\nnokey\n", "--property", "parse.key=true");
        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.err()).contains("line 2").contains("nokey").hasLineCount(1);
        assertThat(cluster.records(new TopicPartition("t", 0))).hasSize(1);
    }

    @Test
    void unknownPropertiesAndBadOffsetsAreRefused() {
        assertThat(produce("x\n", "--property", "parse.kye=true").err()).contains("parse.kye");
        CommandRun badOffset = CommandRun.of(new ConsumeCommand(clients, Clock.systemUTC()), BOOTSTRAP, "--topic", "t",
                "--offset", "5");
        assertThat(badOffset.exitCode()).isNotZero();
        assertThat(badOffset.err()).contains("--offset needs --partition");
    }

    @Test
    void produceToAMissingTopicFailsWithTheReason() {
        CommandRun produced = produce("x\n", "--command-property", "max.block.ms=200");
        assertThat(produced.exitCode()).isZero();
        CommandRun missing = CommandRun.of(new ProduceCommand(clients, new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8))),
                BOOTSTRAP, "--topic", "missing", "--producer-property", "max.block.ms=200");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("1 of 1 records were not written").contains("missing");
    }
}
