package io.ferrymq.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.client.common.internals.InMemoryCluster;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerifiableProducerCommandTest {

    private final InMemoryCluster cluster = new InMemoryCluster(2);

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void printsOneJsonLinePerAcknowledgementThenASummary() {
        cluster.createTopic("t", 2);
        CommandRun run = CommandRun.of(new VerifiableProducerCommand(new InMemoryClients(cluster), Clock.systemUTC()),
                "--bootstrap-server", "broker1:9001", "--topic", "t", "--max-messages", "20", "--acks", "all",
                "--value-prefix", "p", "--repeating-keys", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Arrays.asList(run.out().split("\n"));
        assertThat(lines.get(0)).contains("\"name\":\"startup_complete\"");
        assertThat(lines.stream().filter(l -> l.contains("producer_send_success"))).hasSize(20)
                .allMatch(l -> l.matches(".*\"key\":\"[012]\",\"value\":\"p\\.\\d+\",\"topic\":\"t\",\"partition\":[01],\"offset\":\\d+}"));
        assertThat(lines.get(lines.size() - 2)).contains("shutdown_complete");
        assertThat(lines.get(lines.size() - 1)).contains("\"name\":\"tool_data\",\"sent\":20,\"acked\":20");
    }

    @Test
    void sendErrorsAreReportedAsJson() {
        CommandRun run = CommandRun.of(new VerifiableProducerCommand(new InMemoryClients(cluster), Clock.systemUTC()),
                "--bootstrap-server", "broker1:9001", "--topic", "missing", "--max-messages", "1",
                "--command-property", "max.block.ms=100");
        assertThat(run.out()).contains("\"name\":\"producer_send_error\"")
                .contains("\"exception\":\"io.ferrymq.client.common.errors.TimeoutException\"")
                .contains("\"sent\":1,\"acked\":0");
    }
}
